"""Telling the applicant what happened to their complaint: cabinet, e-mail, SMS."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from applications.models import Notification
from guardianship_portal.gateways.sms import sms_gateway

from .models import Complaint, ComplaintEvent

logger = logging.getLogger(__name__)


def complaint_message(complaint: Complaint, event: ComplaintEvent, language: str) -> str:
    with translation.override(language):
        state = Complaint.State(event.to_state).label
        due = date_format(complaint.due_on, "SHORT_DATE_FORMAT")
        if event.to_state == Complaint.State.REGISTERED:
            if complaint.addressed_to == Complaint.AddressedTo.QUALITY_BODY:
                message = _(
                    "Complaint %(number)s is registered. It will be forwarded to the authorised body by %(due)s."
                )
            else:
                message = _("Complaint %(number)s is registered. The answer is due by %(due)s.")
            return message % {"number": complaint.number, "due": due}
        if event.to_state == Complaint.State.FORWARDED:
            return _(
                "Complaint %(number)s is forwarded to the authorised body for quality "
                "control of state services. Its answer is due by %(due)s."
            ) % {"number": complaint.number, "due": due}
        return _("Complaint %(number)s: %(state)s.") % {
            "number": complaint.number,
            "state": state,
        }


def notify_applicant(*, complaint: Complaint, event: ComplaintEvent) -> None:
    """One in-app notification per change (the message names the complaint and its new
    state, so a retried side effect finds it and sends nothing twice), e-mail and SMS."""
    texts = {lang: complaint_message(complaint, event, lang) for lang in ("kk", "ru")}
    _notification, created = Notification.objects.get_or_create(
        recipient=complaint.applicant,
        application=complaint.application,
        event=None,
        message_kk=texts["kk"],
        defaults={"message_ru": texts["ru"]},
    )
    if not created:
        return
    text = texts.get(complaint.language, texts["kk"])
    application = complaint.application
    email = application.applicant_email or complaint.applicant.email
    if email:
        with translation.override(complaint.language):
            subject = _("Guardianship portal: complaint %(number)s") % {"number": complaint.number}
        try:
            send_mail(subject, text, None, [email])
        except OSError:
            logger.exception("e-mail about complaint %s failed", complaint.number)
    phone = application.applicant_phone or complaint.applicant.phone
    if phone:
        sms_gateway().send(phone=phone, text=text)
