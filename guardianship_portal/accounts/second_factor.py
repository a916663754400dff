"""A second factor for staff (issue #14, item 3): clerks, supervisors, quality-control
officers and administrators see children's data, so after IIN + password they give a
6-digit code from an authenticator app (TOTP, RFC 6238) through django-otp. Applicants
keep IIN + password (they sign their filings with a one-time code instead).

- On the first login the person enrols: the page shows a QR code (and the secret, for
  typing) to add to an app, and the first right code confirms the device.
- Afterwards every login asks for a code. ``SecondFactorMiddleware`` keeps a staff
  session that has not given one on this page: nothing else is served to it.
- Wrong codes slow down: django-otp's throttling doubles the wait after each failure.

The demo (``seed_demo``) enrols its staff with one known secret, printed by ``make run``
only, and ``manage.py demo_totp`` prints their current codes.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import STAFF_ROLES, User

DEVICE_NAME = "portal"
# Pages a staff session may see before its second factor: this page, logging out, the
# language switch, the health check (and static files, served before the middleware).
EXEMPT_URL_NAMES = {"accounts:second_factor", "accounts:logout", "set_language", "healthz"}


def needs_second_factor(user) -> bool:
    return bool(
        user.is_authenticated and (user.role in STAFF_ROLES or user.is_staff or user.is_superuser)
    )


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (made on the first visit, kept until the
    first right code, so the QR code does not change on a reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a staff session without a verified second
    factor is sent to the code page (and back to where it was going afterwards)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not settings.STAFF_SECOND_FACTOR:
            return None
        user = getattr(request, "user", None)
        if user is None or not needs_second_factor(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_URL_NAMES:
            return None
        target = request.get_full_path() if request.method == "GET" else ""
        url = reverse("accounts:second_factor")
        return redirect(f"{url}?{urlencode({'next': target})}" if target else url)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(code) != 6:
            raise forms.ValidationError(_("Enter the 6 digits the app shows."))
        return code


def _qr_svg(device: TOTPDevice) -> str:
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


def _grouped_secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def second_factor(request: HttpRequest) -> HttpResponse:
    """Enrol (first time) or give the code (every login)."""
    user = request.user
    if not needs_second_factor(user):
        return redirect("core:home") if user.is_authenticated else redirect("accounts:login")
    assert isinstance(user, User)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    device = confirmed_device(user)
    enrolling = device is None
    if device is None:
        device = enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, details = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code",
                _("Too many wrong codes. Wait a minute, then enter the code the app shows."),
            )
        elif device.verify_token(form.cleaned_data["code"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        else:
            form.add_error("code", _("The code is not right. Enter the code the app shows now."))
    context = {"form": form, "enrolling": enrolling, "next": next_url}
    if enrolling:
        context |= {"qr": _qr_svg(device), "secret": _grouped_secret(device)}
    return render(request, "accounts/second_factor.html", context)


# -- the demo ---------------------------------------------------------------------------

# One known secret for every demo staff member, printed by `make run` (seed_demo) only:
# add it once to an authenticator app, or run `manage.py demo_totp` for the codes. Real
# staff enrol with a random secret of their own (the demo is never seeded in production).
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238's test secret


def enrol_demo_staff(users) -> int:
    """Give each demo staff member a confirmed device with the demo secret."""
    enrolled = 0
    for user in users:
        if not needs_second_factor(user):
            continue
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=DEMO_TOTP_KEY_HEX, confirmed=True
        )
        enrolled += 1
    return enrolled


def demo_secret_base32() -> str:
    from base64 import b32encode
    from binascii import unhexlify

    return b32encode(unhexlify(DEMO_TOTP_KEY_HEX)).decode().rstrip("=")


def current_code(device: TOTPDevice) -> str:
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"
