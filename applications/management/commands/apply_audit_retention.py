"""Remove audit rows older than AUDIT_RETENTION_DAYS (the access log and the application
events): the one way the append-only audit loses a line. Run it daily."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from applications.models import AccessLog, ApplicationEvent


class Command(BaseCommand):
    help = "Remove audit rows older than AUDIT_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be removed; remove nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        days = settings.AUDIT_RETENTION_DAYS
        before = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            for model in (AccessLog, ApplicationEvent):
                label = model._meta.verbose_name_plural
                if dry_run:
                    count = model.objects.filter(at__lt=before).count()
                    self.stdout.write(f"{label}: {count} older than {days} days would be removed")
                else:
                    count = model.objects.expire_before(before)
                    self.stdout.write(f"{label}: {count} older than {days} days removed")
