"""Telling the applicant what happened: in the cabinet, by e-mail and by SMS."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationEvent, Notification
from applications.registry import get_service
from guardianship_portal.gateways.sms import sms_gateway

logger = logging.getLogger(__name__)


def state_change_message(application: Application, event: ApplicationEvent, language: str) -> str:
    definition = get_service(application.service)
    with translation.override(language):
        return _("Application %(number)s (%(service)s): %(state)s.") % {
            "number": application.number,
            "service": definition.title,
            "state": definition.state(event.to_state).label,
        }


def notify_state_change(*, application: Application, event: ApplicationEvent) -> None:
    """One in-app notification per event (never twice), plus e-mail and SMS."""
    if not event.to_state or event.from_state == event.to_state or application.applicant is None:
        return
    texts = {lang: state_change_message(application, event, lang) for lang in ("kk", "ru")}
    _notification, created = Notification.objects.get_or_create(
        recipient=application.applicant,
        event=event,
        defaults={"application": application, "message_kk": texts["kk"], "message_ru": texts["ru"]},
    )
    if not created:
        return
    text = texts.get(application.language, texts["kk"])
    email = application.applicant_email or application.applicant.email
    if email:
        with translation.override(application.language):
            subject = _("Guardianship portal: application %(number)s") % {
                "number": application.number
            }
        try:
            send_mail(subject, text, None, [email])
        except OSError:
            logger.exception("e-mail to the applicant of %s failed", application.number)
    if application.applicant_phone:
        sms_gateway().send(phone=application.applicant_phone, text=text)
