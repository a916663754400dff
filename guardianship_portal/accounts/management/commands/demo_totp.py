"""Print the current second-factor codes of the demo staff (development only)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from guardianship_portal.accounts.second_factor import DEMO_TOTP_KEY_HEX, current_code


class Command(BaseCommand):
    help = "Print the current TOTP codes of the demo staff (the demo's known secret only)."

    def handle(self, *args, **options) -> None:
        devices = (
            TOTPDevice.objects.filter(key=DEMO_TOTP_KEY_HEX, confirmed=True)
            .select_related("user")
            .order_by("user__iin")
        )
        if not devices:
            raise CommandError("No demo staff with the demo secret: run `manage.py seed_demo`.")
        for device in devices:
            self.stdout.write(f"{device.user.iin}  {current_code(device)}  {device.user}")
