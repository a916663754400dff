"""Registration and login; the rest of the account flow is Django's own views."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _

from . import actions
from .forms import IINAuthenticationForm, RegistrationForm
from .models import User


def register(request: HttpRequest) -> HttpResponse:
    """The same answer for every IIN (a new account or an existing one): the next step
    is in the e-mail (accounts/actions.py). Throttled per address like the login."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    if request.method == "POST" and not actions.registration_allowed(
        get_client_ip_address(request) or ""
    ):
        return registration_throttled(request)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user: User = form.save(commit=False)
        user.preferred_language = (request.LANGUAGE_CODE or "kk")[:2]
        actions.account_register(candidate=user)
        return redirect("accounts:register_sent")
    return render(request, "accounts/register.html", {"form": form})


def register_sent(request: HttpRequest) -> HttpResponse:
    days = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
    return render(request, "accounts/register_sent.html", {"days": days})


def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link of the activation e-mail: the account opens and its owner is logged in."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not actions.account_activate(user=user, token=token):
        return render(request, "accounts/activation_invalid.html", status=400)
    login(
        request, user, backend="guardianship_portal.accounts.permissions.CachedPermissionsBackend"
    )
    messages.success(request, _("Your account is created. Welcome!"))
    return redirect("core:dashboard")


def registration_throttled(request: HttpRequest) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request, "accounts/registration_throttled.html", {"cooloff_minutes": minutes}, status=429
    )


class LoginView(auth_views.LoginView):
    """IIN + password. Afterwards the portal speaks the language the person chose: the
    login page's own when they chose it (a page in another language than the default,
    or the one their language cookie names), else the language their account remembers."""

    form_class = IINAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        language = login_language(self.request, user.preferred_language)
        if language != user.preferred_language:
            User.objects.filter(pk=user.pk).update(preferred_language=language)
        # A successful login answers with a redirect (to the next page): in that language.
        response = HttpResponseRedirect(translate_url(response["Location"], language))
        # With the settings of Django's own language cookie (Secure in production).
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type] # "Lax"
        )
        return response


def login_language(request: HttpRequest, remembered: str) -> str:
    """The language after a login: the page's, when the person chose it; the account's
    remembered one when the page is simply the default (Kazakh, as the root opens)."""
    page = (request.LANGUAGE_CODE or settings.LANGUAGE_CODE)[:2]
    chosen = (
        page != settings.LANGUAGE_CODE
        or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == page
        or remembered not in dict(settings.LANGUAGES)
    )
    return page if chosen else remembered


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args, **kwargs
) -> HttpResponse:
    """django-axes lockout page: HTTP 429 with a message in the page's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
