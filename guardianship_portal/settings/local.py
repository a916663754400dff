"""Developer machine: `make run` serves this on an embedded SQLite database."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
