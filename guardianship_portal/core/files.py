"""Files that follow their rows: a file written inside a transaction that then rolls
back must not stay on disk, since no row will ever point to it (a scan is personal data
of a child; an orphaned PDF carries a verification code that matches nothing).

The file is written before its row (the row needs its name), so a rollback cannot be
undone by the row's code. Two guards:

- ``removed_on_error``: the writer's own block failing removes the file at once;
- ``kept_only_if_committed``: once the request is over, whatever its transaction's
  outcome (ATOMIC_REQUESTS rolls back on any exception after the write), the file is
  removed unless a row refers to it.

Outside a request (commands, jobs) the second guard has nothing to wait for; the
scheduled ``cleanup_orphan_files`` command removes what a killed worker leaves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.db.models.fields.files import FieldFile

from guardianship_portal.core.request_context import after_the_request, current_request


def _remove(file: FieldFile) -> None:
    if file.name:
        file.storage.delete(file.name)


@contextmanager
def removed_on_error(file: FieldFile) -> Iterator[None]:
    """Whatever the block writes to ``file`` is removed if the block raises."""
    try:
        yield
    except BaseException:
        _remove(file)
        raise


def kept_only_if_committed(instance: models.Model, field_name: str) -> None:
    """After the request, remove ``instance``'s file unless a committed row refers to it."""
    if current_request() is None:
        return
    file: FieldFile = getattr(instance, field_name)
    model = type(instance)._meta.concrete_model or type(instance)
    name, storage = file.name, file.storage
    if not name:
        return

    def check() -> None:
        if not model._base_manager.filter(**{field_name: name}).exists():
            storage.delete(name)

    after_the_request(check)


def file_fields() -> list[tuple[type[models.Model], str]]:
    """Every FileField of every installed model (concrete models, each field once)."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.model is model:
                found.append((model, field.name))
    return found


def referenced_names() -> set[str]:
    """The names of every file a row refers to (one query per FileField)."""
    names: set[str] = set()
    for model, field_name in file_fields():
        names.update(
            model._base_manager.exclude(**{field_name: ""})
            .values_list(field_name, flat=True)
            .iterator()
        )
    return names
