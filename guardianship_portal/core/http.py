"""Typed requests for views behind ``login_required``: ``request.user`` is a User there,
never AnonymousUser (mypy cannot see what the decorator guarantees)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from guardianship_portal.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
