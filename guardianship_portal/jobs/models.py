"""Which periodic job was enqueued for which slot: one row per (name, slot), so that any
number of workers, each ticking its own schedule, enqueue every slot once."""

from django.db import models


class ScheduledRun(models.Model):
    name = models.CharField(max_length=100)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="jobs_one_run_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot:%Y-%m-%d %H:%M}"
