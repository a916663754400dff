#!/usr/bin/env python3
"""Check (and, as root with apt, install) the Debian packages the portal needs.

Runs before the virtualenv exists, so it uses the standard library only.
Usage: system_packages.py run|test|ci  — which set of packages to check.
Exit 1 with the exact `apt-get install` line when something is missing and cannot
be installed here: never a traceback from deep inside WeasyPrint.
"""

import ctypes.util
import os
import shutil
import subprocess
import sys

# (how to detect it, Debian package, what needs it)
LIBRARIES = [
    ("lib:pango-1.0", "libpango-1.0-0", "WeasyPrint (PDF documents)"),
    ("lib:pangoft2-1.0", "libpangoft2-1.0-0", "WeasyPrint (PDF documents)"),
    ("lib:harfbuzz", "libharfbuzz0b", "WeasyPrint (PDF documents)"),
    ("lib:fontconfig", "libfontconfig1", "WeasyPrint (PDF documents)"),
    (
        "file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "fonts-dejavu-core",
        "Kazakh glyphs in PDFs",
    ),
    ("bin:msgfmt", "gettext", "compiling the kk/ru translations"),
]
BROWSER = [("bin:chromium", "chromium", "browser tests (Playwright drives Debian's chromium)")]
SETS = {"run": LIBRARIES, "test": LIBRARIES + BROWSER, "ci": LIBRARIES + BROWSER}


def present(probe: str) -> bool:
    kind, _, name = probe.partition(":")
    if kind == "lib":
        return ctypes.util.find_library(name) is not None
    if kind == "bin":
        return shutil.which(name) is not None
    return os.path.exists(name)


def main() -> int:
    wanted = SETS[sys.argv[1] if len(sys.argv) > 1 else "run"]
    missing = [(pkg, why) for probe, pkg, why in wanted if not present(probe)]
    if not missing:
        return 0
    packages = sorted({pkg for pkg, _ in missing})
    for pkg, why in missing:
        print(f"missing Debian package {pkg}: needed for {why}", file=sys.stderr)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing: {' '.join(packages)}", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(
            ["apt-get", "update", "-qq"], env=env, check=False, capture_output=True, text=True
        )
        done = subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
        if done.returncode == 0 and not any(
            not present(p) for p, pkg, _ in wanted if pkg in packages
        ):
            return 0
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    print(
        f"\nInstall them with:\n    sudo apt-get install -y {' '.join(packages)}\n", file=sys.stderr
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
