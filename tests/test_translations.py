"""Every catalogue (locale/ and each service app's services/<code>/locale/) is complete:
every message translated, none fuzzy, none missing that the code uses."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ["kk", "ru"]
# The top-level catalogue and one per app that has its own (every service app does).
LOCALE_DIRS = [LOCALE, *sorted(p.parent for p in ROOT.glob("services/*/locale/kk"))]
CATALOGUES = [
    pytest.param(
        locale_dir / language / "LC_MESSAGES" / "django.po",
        id=f"{locale_dir.relative_to(ROOT).as_posix()}-{language}",
    )
    for locale_dir in LOCALE_DIRS
    for language in LANGUAGES
]


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgstr(s), flags (gettext's own format)."""
    entries, current, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, field = None, None
            continue
        current = current or {"flags": set(), "msgid": "", "msgstr": [], "obsolete": False}
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith("msgid "):
            field = "msgid"
            current["msgid"] = _unquote(line[6:])
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"') and field == "msgid":
            current["msgid"] += _unquote(line)
        elif line.startswith('"') and field == "msgstr":
            current["msgstr"][-1] += _unquote(line)
    return [e for e in entries if e["msgid"] and not e["obsolete"]]


def _unquote(text: str) -> str:
    return text.strip()[1:-1]


def test_every_service_app_has_its_catalogue():
    apps_with_code = {p.parent.name for p in ROOT.glob("services/*/apps.py")}
    apps_with_locale = {d.parent.name for d in LOCALE_DIRS[1:]}
    assert apps_with_code == apps_with_locale
    for locale_dir in LOCALE_DIRS:
        for language in LANGUAGES:
            assert (locale_dir / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("po", CATALOGUES)
def test_catalogue_is_complete(po):
    language = po.parent.parent.name
    assert po.exists(), f"{po} is missing: run `make messages` and translate"
    entries = parse_po(po)
    assert entries, f"{po} has no messages"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"
    assert not untranslated, (
        f"untranslated in {language} ({len(untranslated)}): {untranslated[:10]}"
    )


@pytest.mark.parametrize("po", CATALOGUES)
def test_catalogue_compiles_cleanly(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_catalogue_holds_every_message_of_the_code(tmp_path, settings):
    """A fresh `makemessages` run finds no string that its kk catalogue lacks: the
    top-level one for the shared code, each app's own for the app's files.

    makemessages writes into whatever locale/ directory it finds under the working
    directory (the nearest one above each file), so it runs on a copy of the sources
    with empty locale/ folders where the real ones are: the real catalogues are never
    touched.
    """
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv",
            "var",
            "locale",
            ".git",
            "staticfiles",
            "test-artifacts",
            "tests",
            "__pycache__",
            "*.pyc",
            "*.mo",
            "node_modules",
        ),
    )
    copies = {locale_dir: source / locale_dir.relative_to(ROOT) for locale_dir in LOCALE_DIRS}
    for copy in copies.values():
        (copy / "kk" / "LC_MESSAGES").mkdir(parents=True)
    settings.LOCALE_PATHS = [source / "locale"]
    cwd = Path.cwd()
    os.chdir(source)
    try:
        call_command("makemessages", locale=["kk"], verbosity=0)
    finally:
        os.chdir(cwd)
    missing = {}
    for locale_dir, copy in copies.items():
        fresh_po = copy / "kk" / "LC_MESSAGES" / "django.po"
        fresh = {e["msgid"] for e in parse_po(fresh_po)} if fresh_po.exists() else set()
        known = {e["msgid"] for e in parse_po(locale_dir / "kk" / "LC_MESSAGES" / "django.po")}
        if fresh - known:
            missing[locale_dir.relative_to(ROOT).as_posix()] = sorted(fresh - known)[:10]
    assert not missing, f"strings not in their catalogue (run make messages): {missing}"
