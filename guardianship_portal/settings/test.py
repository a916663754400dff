"""Test suite: SQLite by default, PostgreSQL when DATABASE_URL says so (as in CI)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # No manifest in tests: templates may reference static files before collectstatic.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# A second alias for the read-replica router's tests: in tests it is the same database
# as default (Django's test mirror). Routing to it stays off (REPLICA_DATABASE_ALIAS is
# None) except in tests/guardianship_portal/core/test_db_routing.py, which turns it on.
DATABASES["replica"] = {
    **DATABASES["default"],
    "ATOMIC_REQUESTS": False,
    "TEST": {"MIRROR": "default"},
}
# Jobs run in the test's own process, right after the commit (guardianship_portal/jobs:
# the immediate backend), so a test sees a transition's documents once it committed.
# TASKS_BACKEND=django_tasks_db.DatabaseBackend gives the real queue (the worker test).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    }
}
# The registry's timeout path, quickly: the fake's slow IINs answer after 0.5 s.
REGISTRY_TIMEOUT_SECONDS = 0.2
FAKE_REGISTRY_DELAY_SECONDS = 0.5
# Every browser test signs from 127.0.0.1: the hourly limit per address is tested on its
# own (tests/applications/test_signing.py sets it low).
SIGNING_CODE_LIMIT = 1000
