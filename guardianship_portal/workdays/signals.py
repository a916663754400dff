"""Keep the calendar's per-year cache in step with edits to the override table."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .calendar import clear_calendar_cache
from .models import CalendarOverride


@receiver(post_save, sender=CalendarOverride, dispatch_uid="workdays_override_saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="workdays_override_deleted")
def forget_cached_overrides(sender: type[CalendarOverride], **kwargs: Any) -> None:
    clear_calendar_cache()
