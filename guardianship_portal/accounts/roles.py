"""Role → group → permissions. The one place that says what each role may do.

Views and actions check these permissions (``user.has_perm``), so an administrator
can also grant a single permission to someone without changing their role.
"""

from django.contrib.auth.models import Group, Permission

from .models import Role, User

# Codenames of the permissions declared in User.Meta (app label "accounts").
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.APPLICANT: ["file_application"],
    Role.CLERK: ["work_queue", "register_paper_application"],
    Role.SUPERVISOR: ["work_queue", "view_dashboard"],
    Role.QUALITY_CONTROLLER: ["review_forwarded_complaints"],
    Role.ADMINISTRATOR: [],  # superusers hold every permission
}


def role_group_name(role: str) -> str:
    return f"role:{role}"


def ensure_role_groups() -> None:
    """Create the role groups with their permissions (idempotent)."""
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role_group_name(role))
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        )


def sync_role_group(user: User) -> None:
    wanted = role_group_name(user.role)
    current = set(user.groups.filter(name__startswith="role:").values_list("name", flat=True))
    if current == {wanted}:
        return
    ensure_role_groups()
    user.groups.remove(*Group.objects.filter(name__in=current - {wanted}))
    user.groups.add(Group.objects.get(name=wanted))
