"""The pages of the built site that a reader can reach (shared by the site tests)."""
from __future__ import annotations

from pathlib import Path

# Folders of the built site that hold assets, sources or execution reports rather than pages.
NOT_PAGES = {"_static", "_sources", "_downloads", "_images", "reports", "jupyter_execute", "_sphinx_design_static"}


def built_pages(site: Path) -> list[Path]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in NOT_PAGES or relative.name == "index.html" and len(relative.parts) == 1:
            continue  # index.html only redirects to the first page
        pages.append(path)
    return pages
