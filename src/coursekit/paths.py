"""Where the course's files are, found from the installed package so notebooks need no sys.path tricks."""
from __future__ import annotations

import os
from pathlib import Path


def find_root() -> Path:
    override = os.environ.get("COURSE_ROOT")
    if override:
        return Path(override).resolve()
    # Installed editable (make env), the package sits in <root>/src/coursekit. Installed as a copy (Binder's
    # repo2docker runs `pip install .`), it does not: then the notebook's own folder, inside the repository, tells.
    here = Path(__file__).resolve()
    cwd = Path.cwd().resolve()
    for parent in [*here.parents, cwd, *cwd.parents]:
        if (parent / "book" / "_config.yml").exists() and (parent / "quizzes").is_dir():
            return parent
    raise RuntimeError(
        f"cannot find the course repository above {here} or {cwd}: expected a folder holding book/_config.yml "
        "and quizzes/; run the notebooks from inside the repository, or set COURSE_ROOT to its root"
    )


ROOT = find_root()
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
DESCRIPTOR = DATA_DIR / "datapackage.json"
QUIZ_DIR = ROOT / "quizzes"
BOOK_DIR = ROOT / "book"
ASSETS_DIR = Path(__file__).resolve().parent / "assets"


def book_build() -> bool:
    """True while the book is being built: outputs are then static HTML for the website."""
    return os.environ.get("COURSE_BOOK_BUILD") == "1"


def book_relative(target: str) -> str:
    """A link from the running notebook's folder to a page of the book.

    ``target`` is a page path without suffix, relative to book/ (for example ``data_sources``). In the book build this
    points at the built HTML page; in JupyterLab it opens the page's source file.
    """
    try:
        rel = os.path.relpath(BOOK_DIR, Path.cwd())
    except ValueError:  # another drive on Windows
        rel = str(BOOK_DIR)
    prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
    suffix = ".html" if book_build() else ".md"
    return f"{prefix}{target}{suffix}"
