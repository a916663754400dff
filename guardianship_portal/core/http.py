"""Typed requests for views behind ``login_required``: ``request.user`` is a User there,
never AnonymousUser (mypy cannot see what the decorator guarantees); and form addresses
that answer a GET by going back to their page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

if TYPE_CHECKING:
    from guardianship_portal.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User


def post_only(back_to: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A form's own address (``…/upload/``, ``…/act/``) takes only POST. A refused form
    is answered with its page at that address, so a reload, a language switch or a
    bookmark asks for it by GET: that goes back to the page (the URL named ``back_to``,
    with the same ``pk``) instead of a blank 405."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in ("GET", "HEAD"):
                return redirect(back_to, pk=kwargs["pk"])
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return checked

    return decorator
