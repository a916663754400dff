"""The one shared application record and what hangs off it."""

from .application import Application, ApplicationQuerySet, Child
from .attachment import Attachment
from .audit import AccessLog, ApplicationEvent
from .notification import Notification
from .numbering import NumberSequence
from .registry_lookup import RegistryLookup
from .signature import ApplicationSignature, SigningCode

__all__ = [
    "AccessLog",
    "Application",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "ApplicationSignature",
    "Attachment",
    "Child",
    "Notification",
    "NumberSequence",
    "RegistryLookup",
    "SigningCode",
]
