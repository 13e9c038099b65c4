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


def draw_all_charts(page) -> int:
    """Scroll every chart of the open page into view and wait until each is drawn (or has failed); return the count."""
    charts = page.locator("figure.course-chart")
    count = charts.count()
    for index in range(count):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "el => el.dataset.drawState === 'drawn' || el.dataset.drawState === 'failed'",
            arg=chart.element_handle(),
            timeout=20_000,
        )
    return count
