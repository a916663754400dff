"""Side effects as jobs on the job engine (django.tasks, backported as django-tasks, with
the database backend of django-tasks-db).

A job is a row of the engine's table written in the caller's transaction: it exists
once the change that calls for it is committed, and never for a rolled-back one, and it
is run by `manage.py run_jobs` (any number of them, on any machine reaching the
database). Jobs carry ids only and read fresh rows; each is idempotent, so a retry or a
second worker running it again changes nothing. What the engine lacks, this package
adds: retries with backoff (``job``), and periodic jobs (``schedule``).
"""
