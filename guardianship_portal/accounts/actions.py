"""Registration without telling anyone whether an IIN has an account (issue #13).

Whatever the IIN, the person who registers sees the same page ("check your e-mail")
and one message goes out: to a new account's address, a link that activates it; to the
owner of an existing account, by e-mail and SMS, a notice that someone tried (with how
to log in or reset the password). An account is usable only once its link is opened.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from guardianship_portal.core.throttle import within_limit
from guardianship_portal.gateways.sms import sms_gateway

from .models import Role, User

logger = logging.getLogger(__name__)


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """A link valid for PASSWORD_RESET_TIMEOUT that stops working once the account is
    active (is_active is part of the hash), so it activates at most once."""

    key_salt = "guardianship_portal.accounts.actions.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


activation_token = ActivationTokenGenerator()


def is_unconfirmed(user: User) -> bool:
    """Registered on the portal, activation link never opened."""
    return user.role == Role.APPLICANT and not user.is_active and user.last_login is None


def account_register(*, candidate: User) -> None:
    """Register ``candidate`` (unsaved, password set, from RegistrationForm), or tell
    the owner of the IIN's account. The caller answers the same in both cases."""
    candidate.role = Role.APPLICANT
    candidate.is_active = False
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(iin=candidate.iin).first()
        if existing is not None and is_unconfirmed(existing) and _activation_expired(existing):
            # A registration whose link was never opened in time does not hold the
            # IIN for ever: the new one replaces it and gets a new link.
            candidate.pk = existing.pk
            existing = None
        if existing is None:
            try:
                with transaction.atomic():
                    candidate.save()
            except IntegrityError:  # the same IIN registered at the same moment
                existing = User.objects.get(iin=candidate.iin)
            else:
                transaction.on_commit(lambda: _send_activation(candidate))
                return
        owner = existing
        # Registered already but the link not opened yet: the link again, to the address
        # of that registration (the new details are not taken). Otherwise a notice.
        tell = _send_activation if is_unconfirmed(owner) else _notify_owner

        def tell_owner() -> None:
            if _once_per_window(owner):
                tell(owner)

        transaction.on_commit(tell_owner)


def account_activate(*, user: User, token: str) -> bool:
    """Activate the account if the token is its valid activation token."""
    if user.is_active or not is_unconfirmed(user) or not activation_token.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def _activation_expired(user: User) -> bool:
    return user.date_joined < timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def _portal_url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        path = reverse(name, kwargs=kwargs or None)
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def _send_activation(user: User) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    link = _portal_url(
        "accounts:activate",
        language,
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=activation_token.make_token(user),
    )
    days = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
    with translation.override(language):
        subject = _("Guardianship portal: confirm your registration")
        body = "\n\n".join(
            [
                _("You registered on the guardianship portal."),
                _("Open this link to activate your account:") + f"\n{link}",
                translation.ngettext(
                    "The link works for %(days)s day.",
                    "The link works for %(days)s days.",
                    days,
                )
                % {"days": days},
                _(
                    "If you did not register, ignore this email: without the link no account is opened."
                ),
            ]
        )
    _send_email(user, subject, body)


def _once_per_window(user: User) -> bool:
    """The IIN's owner hears of attempts at most once per AXES_COOLOFF_TIME: a stranger
    typing the IIN again and again must not flood their phone and mailbox."""
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return cache.add(f"registration-notice:{user.pk}", True, timeout=window)


def _notify_owner(user: User) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    login_url = _portal_url("accounts:login", language)
    reset_url = _portal_url("accounts:password_reset", language)
    with translation.override(language):
        subject = _("Guardianship portal: someone tried to register with your IIN")
        body = "\n\n".join(
            [
                _(
                    "Someone, perhaps you, tried to register on the guardianship portal with your IIN. You already have an account, so no new one was opened."
                ),
                _("Log in:") + f"\n{login_url}",
                _("Forgot the password? Set a new one:") + f"\n{reset_url}",
                _("If it was not you, you need not do anything."),
            ]
        )
        sms = _(
            "Guardianship portal: someone tried to register with your IIN. You already have an account. If it was not you, do nothing."
        )
    _send_email(user, subject, body)
    if user.phone:
        try:
            sms_gateway().send(phone=user.phone, text=sms)
        except Exception:  # the notice is a courtesy; the registration page is unaffected
            logger.exception("SMS about a registration attempt to user %s failed", user.pk)


def _send_email(user: User, subject: str, body: str) -> None:
    if not user.email:
        return
    try:
        send_mail(subject, body, None, [user.email])
    except OSError:
        logger.exception("e-mail about registration to user %s failed", user.pk)


def registration_allowed(client: str) -> bool:
    """Throttle like the login: at most REGISTRATION_LIMIT attempts from one address
    within AXES_COOLOFF_TIME (a fixed window in the shared cache)."""
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return within_limit(f"registration-attempts:{client}", settings.REGISTRATION_LIMIT, window)
