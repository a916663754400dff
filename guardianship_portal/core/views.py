"""Pages that belong to no single service: home, role landing, language, health."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from guardianship_portal.accounts.models import User
from guardianship_portal.core.http import AuthenticatedRequest
from guardianship_portal.core.service_codes import installed_services


def root(request: HttpRequest) -> HttpResponse:
    """`/` → the portal in the remembered language, else Kazakh (the state language).

    Deliberately not the browser's Accept-Language: the portal opens in Kazakh
    unless the person has chosen otherwise.
    """
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if request.user.is_authenticated:
        language = request.user.preferred_language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return redirect(f"/{language}/")


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("img/favicon.svg"), permanent=True)


def home(request: HttpRequest) -> HttpResponse:
    # The services as the ground knows them (the registry records each one there).
    return render(request, "core/home.html", {"services": installed_services()})


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """Send each user to their own starting page, by what they may do."""
    user = request.user
    if user.has_perm("accounts.view_dashboard"):
        return redirect("supervision:dashboard")
    if user.has_perm("accounts.work_queue"):
        return redirect("office:queue")
    if user.has_perm("accounts.review_forwarded_complaints"):
        return redirect("complaints:office_list")
    if user.is_superuser:
        return redirect("admin:index")
    return redirect("cabinet:list")


@permission_required("accounts.work_queue", raise_exception=True)
def office(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/office.html", {"organisation": request.user.organisation})


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (stays on the same page, translated), plus: remember the
    choice on the account of a logged-in user."""
    language = request.POST.get("language")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if language in dict(settings.LANGUAGES) and request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    response = set_language(request)
    if language in dict(settings.LANGUAGES) and isinstance(response, HttpResponseRedirect):
        # set_language translates paths it can resolve; for the rest, swap the prefix.
        translated = translate_url(next_url, language)
        if translated == next_url:
            for code, _name in settings.LANGUAGES:
                if next_url.startswith(f"/{code}/"):
                    translated = f"/{language}/" + next_url[len(code) + 2 :]
        response["Location"] = translated
    return response


@never_cache
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def error_language(request: HttpRequest) -> str:
    """The language of an error page: the path's prefix (/ru/… is Russian, even for an
    address that does not exist), outside any prefix the remembered choice, else
    Kazakh, as the root does (never the browser's Accept-Language)."""
    language = translation.get_language_from_path(request.path_info)
    if not language:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
    return language


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    with translation.override(error_language(request)):
        request.LANGUAGE_CODE = translation.get_language()
        return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "400.html", 400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "403.html", 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """No context processors (they may need the database that just failed): the page
    says what happened in the request's language, on its own."""
    language = error_language(request)
    with translation.override(language):
        html = loader.render_to_string("500.html", {"LANGUAGE_CODE": language})
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (usually opened long ago, or cookies off):
    say so in the user's language and how to go on; nothing was saved."""
    return render(request, "csrf_failure.html", status=403)
