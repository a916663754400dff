"""Remove the stored files that no row refers to, and Django's temporary
upload files a killed worker left behind. Safe on a schedule (the job engine runs it):
files younger than ORPHAN_FILE_GRACE_HOURS are left alone, since an upload or a
rendering in progress writes its file before its row is committed.

Which rows: every FileField of every installed model, found from the models
(guardianship_portal/core/files.py), so a new kind of file is covered without an edit
here. Which files: everything in the default storage, walked through the Storage API,
so the same command serves MEDIA_ROOT on a disk and a shared S3-compatible store."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.core.management.base import BaseCommand

from guardianship_portal.core.files import referenced_names

# Django's TemporaryUploadedFile: NamedTemporaryFile(suffix=".upload" + extension).
TEMPORARY_UPLOAD_PATTERN = "*.upload*"


class Command(BaseCommand):
    help = "Remove stored files that no row refers to (and stale upload temp files)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; remove nothing."
        )
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=None,
            help="Leave files younger than this (default: ORPHAN_FILE_GRACE_HOURS).",
        )

    def handle(self, *args, dry_run: bool = False, grace_hours: float | None = None, **options):
        hours = settings.ORPHAN_FILE_GRACE_HOURS if grace_hours is None else grace_hours
        cutoff = time.time() - hours * 3600
        # The names are read before the walk: a file committed after this read is
        # younger than the grace period, so it is skipped, never removed.
        known = referenced_names()
        verb = "would remove" if dry_run else "removed"
        removed = 0
        storage = default_storage
        for name in sorted(stored_names(storage)):
            if name in known or modified_at(storage, name) > cutoff:
                continue
            if not dry_run:
                storage.delete(name)
            removed += 1
            self.stdout.write(f"{verb} {name}")
        temporary = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
        for path in sorted(temporary.glob(TEMPORARY_UPLOAD_PATTERN)):
            if not path.is_file() or path.stat().st_mtime > cutoff:
                continue
            if not dry_run:
                path.unlink(missing_ok=True)
            removed += 1
            self.stdout.write(f"{verb} temporary upload {path}")
        if not dry_run and hasattr(storage, "location"):
            self._remove_empty_folders(Path(storage.location), cutoff)
        self.stdout.write(f"{removed} file(s) {verb}; {len(known)} referenced file(s) kept")

    def _remove_empty_folders(self, root: Path, cutoff: float) -> None:
        """Empty folders go too, but only old ones: a folder just made is where an
        upload is about to write."""
        if not root.exists():
            return
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()) and folder.stat().st_mtime <= cutoff:
                folder.rmdir()


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in ``storage`` (relative, with "/"), folders walked."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for file_name in files:
        yield prefix + file_name
    for sub in folders:
        yield from stored_names(storage, prefix + sub)


def modified_at(storage: Storage, name: str) -> float:
    moment = storage.get_modified_time(name)
    if moment.tzinfo is None:  # naive (USE_TZ off): local time, as the OS gives it
        return moment.timestamp()
    return moment.astimezone(UTC).timestamp()
