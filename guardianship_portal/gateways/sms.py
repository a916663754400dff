"""SMS to applicants. The national SMS gateway sits behind this interface; locally and
in tests the FakeSmsGateway keeps the messages in memory and logs them."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsUnavailable(Exception):
    """The gateway did not take the message (down, slow, refused): nothing was sent."""


class SmsGateway(Protocol):
    def send(self, *, phone: str, text: str) -> None:
        """Send, or raise SmsUnavailable (an adapter turns its own errors into it)."""
        ...


# A phone number the fake refuses, so the failure can be tried in `make run` and tests.
FAKE_UNAVAILABLE_PHONE = "+77000000000"


class FakeSmsGateway:
    """Local fake: nothing leaves the machine. ``sent`` is inspected by tests; messages
    to FAKE_UNAVAILABLE_PHONE fail as a gateway that is down would."""

    sent: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str) -> None:
        if phone == FAKE_UNAVAILABLE_PHONE:
            raise SmsUnavailable("the fake gateway refuses this number")
        FakeSmsGateway.sent.append((phone, text))
        # INFO: under `make run` the console is the phone (the signing code shows there).
        logger.info("FAKE SMS (not sent) to %s: %s", phone, text)


def sms_gateway() -> SmsGateway:
    return import_string(settings.SMS_GATEWAY)()
