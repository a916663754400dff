"""Developer machine: `make run` serves this on an embedded SQLite database."""

from .base import *  # noqa: F403
from .base import STORAGES, env

# `make run` sets DEBUG=False: the demo shows what production shows (the portal's own
# 404, 403 and 500 pages in the reader's language, not Django's English debug pages).
# `DEBUG=True make run` gives the debug pages back.
DEBUG = env.bool("DEBUG", default=True)
if not DEBUG:
    # Static files straight from the source folders through WhiteNoise, as runserver
    # serves them in debug: no collectstatic, and an edited file is served at once.
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
# The local fake signature verifier's "sign with the test key" button on the signing
# page (applications/signing_views.py): on a developer's machine only.
DEMO_SIGNING = True
