"""The base of the errors an action refuses with: each carries a message for the user,
translated, shown as it is (``default_message`` unless the action gives its own)."""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    default_message: Any = ""

    def __init__(self, message=None) -> None:
        self.message = message or self.default_message
        super().__init__(str(self.message))
