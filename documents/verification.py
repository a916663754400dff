"""What the public verification page says beside the document itself.

documents knows no model above it; an app whose documents carry more to confirm (the
applications: how the application was signed, issue #14) registers a provider in its
AppConfig.ready(). A provider gets the issued document and returns (label, value) rows
in the active language, or none when the document is not its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import IssuedDocument

DetailsProvider = Callable[[IssuedDocument], list[tuple[Any, str]]]

_providers: list[DetailsProvider] = []


def register_verification_details(provider: DetailsProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def verification_details(document: IssuedDocument) -> list[tuple[Any, str]]:
    return [row for provider in _providers for row in provider(document)]
