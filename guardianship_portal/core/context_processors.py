"""What every page's navigation needs: which role-specific links this user may use,
and where the language switcher comes back to."""

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def language_next(request: HttpRequest) -> str:
    """The page the language switcher returns to, translated: this one, unless it was
    drawn in answer to a form sent (a refused action shows its page at the form's
    address, which only accepts POST): then the page the form was on."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, {request.get_host()}, request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "language_next": language_next(request)}
    return {
        "language_next": language_next(request),
        "nav": {
            "cabinet": user.has_perm("accounts.file_application"),
            "office": user.has_perm("accounts.work_queue"),
            "supervision": user.has_perm("accounts.view_dashboard"),
            "complaints": user.has_perm("accounts.view_dashboard")
            or user.has_perm("accounts.review_forwarded_complaints"),
            "admin": user.is_staff,
        },
    }
