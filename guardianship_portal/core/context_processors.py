"""What every page's navigation needs: which role-specific links this user may use."""

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "cabinet": user.has_perm("accounts.file_application"),
            "office": user.has_perm("accounts.work_queue"),
            "supervision": user.has_perm("accounts.view_dashboard"),
            "complaints": user.has_perm("accounts.view_dashboard")
            or user.has_perm("accounts.review_forwarded_complaints"),
            "admin": user.is_staff,
        }
    }
