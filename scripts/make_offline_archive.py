"""Pack the built site into a zip a reader can download and open from disk (file://), with no connection.

Usage: python scripts/make_offline_archive.py book/_build/html

The archive is written inside the site, at _downloads/offline/pakistan-china-us-course.zip, so the book can link to
it. It holds one folder with the whole site; opening its index.html in a browser starts the course.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ARCHIVE = Path("_downloads") / "offline" / "pakistan-china-us-course.zip"
FOLDER = "pakistan-china-us-course"
SKIP = {"reports", ".buildinfo", ".doctrees"}  # build reports and Sphinx's bookkeeping are not part of the course
README = """Pakistan between China and the United States: the course, for reading offline.

Open index.html in this folder with any web browser. Every page, chart, map and quiz works from disk with no
internet connection. Quiz progress is kept by the browser for this copy of the course.
"""


def build_archive(site: Path) -> Path:
    target = site / ARCHIVE
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(
        p for p in site.rglob("*")
        if p.is_file() and p != target and p.relative_to(site).parts[0] not in SKIP and target.parent not in p.parents
    )
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(f"{FOLDER}/README.txt", README)
        for path in files:
            archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    return target


if __name__ == "__main__":
    site = Path(sys.argv[1])
    path = build_archive(site)
    print(f"offline copy: {path} ({path.stat().st_size / 1e6:.1f} MB)")
