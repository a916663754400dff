"""A user's permissions, kept in the cache between requests (issue #11).

Permissions come from the role's group (roles.py) and change only when someone edits
a group's permissions or a user's groups or own permissions. Django's ModelBackend
reads them from the database on every request that checks one — two joined queries
on every logged-in page, whose compilation alone costs more than the page's own
lookups. This backend keeps each user's set in the cache under a version that any such
change moves on (the signals below), so the next request reads them afresh.

With the default per-process cache (locmem) a change reaches the process that made it
at once and the others within ``PERMISSIONS_CACHE_SECONDS``; with a shared cache
(``CACHE_URL``, as several workers need anyway: README, "Configuration") every process
at once. Being active and being a superuser are read from the user's row on every
request, as before: deactivating an account takes effect immediately.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import User

VERSION_KEY = "permissions:version"


def permissions_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None) or 1


def permissions_changed() -> None:
    """Every cached set is stale from now on (after the change commits, so that no
    request reads the old permissions back into the new version)."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not in the cache (evicted, or a fresh process's locmem)
            cache.set(VERSION_KEY, 2, timeout=None)

    bump()
    transaction.on_commit(bump)


class CachedPermissionsBackend(ModelBackend):
    """ModelBackend with each user's permission set from the cache when it is there."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            # The account's creation time is in the key too: a test database that
            # gives a rolled-back user's id to someone else never meets their set.
            joined = user_obj.date_joined.timestamp() if user_obj.date_joined else 0
            key = f"permissions:{permissions_version()}:{user_obj.pk}:{joined}"
            cached = cache.get(key)
            if cached is None:
                cached = sorted(super().get_all_permissions(user_obj))
                cache.set(key, cached, timeout=settings.PERMISSIONS_CACHE_SECONDS)
            user_obj._perm_cache = set(cached)
        return user_obj._perm_cache


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def _memberships_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        permissions_changed()


@receiver(post_delete, sender=Group)
@receiver(post_delete, sender=Permission)
@receiver(post_save, sender=Permission)
def _group_or_permission_changed(sender, **kwargs) -> None:
    # Deleting a group removes its memberships without m2m_changed.
    permissions_changed()
