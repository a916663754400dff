"""Fixed-window counters in the shared cache (``CACHE_URL``): how many times something
happened under a key within a window, for limits such as registrations per address or
signing codes per phone."""

from __future__ import annotations

from django.core.cache import cache


def within_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more under ``key``; True while the count in the window is at most
    ``limit``."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
