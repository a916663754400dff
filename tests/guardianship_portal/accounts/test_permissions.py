"""Each user's permissions come from the cache after the first request, and a change of
role or of a group's permissions applies on the next request (accounts/permissions.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guardianship_portal.accounts.models import Role, User
from guardianship_portal.accounts.roles import role_group_name

pytestmark = pytest.mark.django_db


def permission_queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, sum(
        "auth_permission" in query["sql"] for query in queries.captured_queries
    )


def test_a_logged_in_page_reads_the_permissions_once(client, clerk):
    client.force_login(clerk)
    assert permission_queries(client, "/kk/office/")[0] == 200
    # The next request of the same person asks the database for none.
    assert permission_queries(client, "/kk/office/") == (200, 0)


def test_a_new_role_applies_on_the_next_request(client, clerk):
    client.force_login(clerk)
    assert client.get("/kk/office/").status_code == 200
    user = User.objects.get(pk=clerk.pk)
    user.role = Role.APPLICANT
    user.organisation = None
    user.save()
    assert client.get("/kk/office/").status_code == 403


def test_a_permission_taken_from_a_group_applies_on_the_next_request(client, clerk):
    client.force_login(clerk)
    assert client.get("/kk/office/").status_code == 200
    group = Group.objects.get(name=role_group_name(Role.CLERK))
    group.permissions.remove(Permission.objects.get(codename="work_queue"))
    assert client.get("/kk/office/").status_code == 403
    group.permissions.add(Permission.objects.get(codename="work_queue"))
    assert client.get("/kk/office/").status_code == 200


def test_a_deactivated_account_has_no_permissions_at_once(clerk):
    assert User.objects.get(pk=clerk.pk).has_perm("accounts.work_queue")
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    assert not User.objects.get(pk=clerk.pk).has_perm("accounts.work_queue")
