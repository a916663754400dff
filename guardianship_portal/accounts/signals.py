"""Keep a user's groups in step with their role, so permissions follow the role."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import User
from .roles import sync_role_group


@receiver(post_save, sender=User)
def user_role_groups(sender, instance: User, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    sync_role_group(instance)
