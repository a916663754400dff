"""Every message of locale/kk and locale/ru is translated and none is fuzzy."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"


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


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_catalogue_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} is missing: run `make messages` and translate"
    entries = parse_po(po)
    assert entries, f"{po} has no messages"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"
    assert not untranslated, (
        f"untranslated in {language} ({len(untranslated)}): {untranslated[:10]}"
    )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_catalogue_compiles_cleanly(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_catalogue_holds_every_message_of_the_code(tmp_path, settings):
    """A fresh `makemessages` run finds no string that the kk catalogue lacks.

    makemessages writes into whatever locale/ directory it finds under the working
    directory, so it runs on a copy of the sources: the real catalogue is never touched.
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
    (source / "locale" / "kk" / "LC_MESSAGES").mkdir(parents=True)
    settings.LOCALE_PATHS = [source / "locale"]
    cwd = Path.cwd()
    os.chdir(source)
    try:
        call_command("makemessages", locale=["kk"], verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = {e["msgid"] for e in parse_po(source / "locale" / "kk" / "LC_MESSAGES" / "django.po")}
    known = {e["msgid"] for e in parse_po(LOCALE / "kk" / "LC_MESSAGES" / "django.po")}
    missing = sorted(fresh - known)
    assert not missing, (
        f"{len(missing)} strings not in the catalogue (run make messages): {missing[:10]}"
    )
