"""SMS to applicants. The national SMS gateway sits behind this interface; locally and
in tests the FakeSmsGateway keeps the messages in memory and logs them."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsGateway(Protocol):
    def send(self, *, phone: str, text: str) -> None: ...


class FakeSmsGateway:
    """Local fake: nothing leaves the machine. ``sent`` is inspected by tests."""

    sent: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str) -> None:
        FakeSmsGateway.sent.append((phone, text))
        # INFO: under `make run` the console is the phone (the signing code shows there).
        logger.info("FAKE SMS (not sent) to %s: %s", phone, text)


def sms_gateway() -> SmsGateway:
    return import_string(settings.SMS_GATEWAY)()
