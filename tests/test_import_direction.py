"""Imports run one way: services → engine → ground, and inside the engine complaints →
supervision → applications → documents (payments → applications → documents). A module that imports against the flow (even
inside a function) fails here; what an app contributes to a lower one goes through a
registry it fills in its AppConfig.ready() (reminders, indicator sources, services).

Read from the source (the AST), so that a lazy import inside a function counts too.
Tests and migrations are not checked. Strings (URLconf includes, INSTALLED_APPS) are
wiring, not imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each layer and what it must not import (the layers above it).
FORBIDDEN = {
    "guardianship_portal": (
        "applications",
        "documents",
        "complaints",
        "supervision",
        "services",
        "payments",
    ),
    "documents": ("applications", "complaints", "supervision", "services", "payments"),
    "applications": ("complaints", "supervision", "services", "payments"),
    "supervision": ("complaints", "services"),
    "complaints": ("services",),
    # Entitlements and payments (issue #15): above applications and documents, below the
    # services that open entitlements; the cabinet and the dashboard include its parts
    # by template tags ({% load payments %}), supervision may read its selectors.
    "payments": ("complaints", "supervision", "services"),
}

# Justified exceptions: module (path from the project root) → packages it may import.
EXCEPTIONS = {
    # The demo command fills the whole portal with demo data: it is the one entry point
    # that assembles every app (nothing imports it), run by hand and by `make run`.
    "guardianship_portal/core/management/commands/seed_demo.py": (
        "applications",
        "complaints",
        "supervision",
        "payments",
    ),
}


def modules(package: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def imported(path: Path) -> set[str]:
    """The top-level packages of every absolute import in the module."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_run_one_way(package):
    wrong = []
    for path in modules(package):
        name = str(path.relative_to(ROOT))
        allowed = set(EXCEPTIONS.get(name, ()))
        bad = (imported(path) & set(FORBIDDEN[package])) - allowed
        if bad:
            wrong.append(f"{name} imports {', '.join(sorted(bad))}")
    assert not wrong, "\n".join(wrong)


def test_the_exceptions_are_still_needed():
    """An exception nobody needs any more is removed (so the list stays true)."""
    for name, packages in EXCEPTIONS.items():
        path = ROOT / name
        assert path.exists(), name
        assert set(packages) <= imported(path), name


def test_the_check_sees_a_wrong_import(tmp_path):
    module = tmp_path / "calendar.py"
    module.write_text("def f():\n    from applications.registry import TermUnit\n")
    assert "applications" in imported(module)
