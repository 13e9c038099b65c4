"""Page-weight budgets of the built website, measured the same way every time.

Each page is loaded in headless Chromium from the local server (scripts/serve.py) and every request it makes is
recorded, including plotly.js, fetched after the page has loaded, and the charts drawn by scrolling through them.
A resource's weight is its built file compressed with gzip level 6, as the server sends it, so the numbers do not
depend on timing. Budgets (see BENCHMARK.md for the measured values):

- a chapter's first visit, with an empty cache: at most 1.0 MB;
- the next chapter, visited after it in the same browser: at most 150 KB of resources not already fetched;
- a page without charts never loads plotly.js;
- no page requests anything from another host.
"""
from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, SITE_DIR
from site_pages import built_pages

sys.path.insert(0, str(ROOT / "scripts"))
from serve import COMPRESSIBLE  # noqa: E402  (what the server compresses)

FIRST_VISIT_BUDGET = 1_000_000
NEXT_CHAPTER_BUDGET = 150_000


def _chapters() -> list[str]:
    if not (SITE_DIR / "index.html").exists():
        return ["(no built site)"]
    return [str(p.relative_to(SITE_DIR)) for p in built_pages(SITE_DIR) if p.relative_to(SITE_DIR).parts[0] == "chapters"]


def _pages() -> list[str]:
    if not (SITE_DIR / "index.html").exists():
        return ["(no built site)"]
    return [str(p.relative_to(SITE_DIR)) for p in built_pages(SITE_DIR)]


@lru_cache(maxsize=None)
def compressed_size(file: Path) -> int:
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if file.suffix in COMPRESSIBLE else len(data)


def _file_for(url: str, site_dir: Path) -> Path:
    path = unquote(urlparse(url).path).lstrip("/")
    file = site_dir / path
    return file / "index.html" if path == "" or path.endswith("/") else file


def visit(page, site_url: str, path: str) -> list[str]:
    """Open a page as a reader does: load it, let it settle, scroll through every chart. The same-site URLs requested."""
    if path == "(no built site)":
        pytest.fail("no built site: run `make book`")
    requested: list[str] = []
    listener = lambda request: request.url.startswith(site_url) and requested.append(request.url.split("#")[0])  # noqa: E731
    page.on("request", listener)
    page.goto(site_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    charts = page.locator("figure.course-chart")
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function("el => ['drawn', 'failed'].includes(el.dataset.drawState)", arg=chart.element_handle(),
                               timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.remove_listener("request", listener)
    return list(dict.fromkeys(requested))


def weigh(urls: list[str], site_dir: Path) -> list[tuple[int, str]]:
    """(compressed bytes, URL) of each request, largest first; a URL with no file behind it weighs nothing."""
    sizes = []
    for url in urls:
        file = _file_for(url, site_dir)
        sizes.append((compressed_size(file) if file.is_file() else 0, url))
    return sorted(sizes, reverse=True)


def _describe(sizes: list[tuple[int, str]], site_url: str, top: int = 6) -> str:
    return "\n".join(f"    {size / 1024:8.1f} KB  {url.replace(site_url, '/')}" for size, url in sizes[:top])


@pytest.mark.parametrize("chapter", _chapters())
def test_first_visit_of_a_chapter_is_within_budget(page, site_url, site_dir, chapter):
    sizes = weigh(visit(page, site_url, chapter), site_dir)
    total = sum(size for size, _ in sizes)
    assert not page.course_external, f"{chapter} requested other hosts: {page.course_external}"
    assert total <= FIRST_VISIT_BUDGET, (
        f"{chapter}: a first visit transfers {total / 1e6:.2f} MB compressed (budget {FIRST_VISIT_BUDGET / 1e6:.1f} MB) "
        f"in {len(sizes)} requests; the biggest:\n{_describe(sizes, site_url)}"
    )


@pytest.mark.parametrize("pair", list(zip(_chapters(), _chapters()[1:])) or [("(no built site)", "(no built site)")],
                         ids=lambda pair: f"{pair[0]}->{pair[1]}")
def test_next_chapter_costs_little_beyond_the_cache(page, site_url, site_dir, pair):
    first, second = pair
    seen = set(visit(page, site_url, first))
    new = [url for url in visit(page, site_url, second) if url not in seen]
    sizes = weigh(new, site_dir)
    total = sum(size for size, _ in sizes)
    assert total <= NEXT_CHAPTER_BUDGET, (
        f"{second} after {first}: {total / 1024:.0f} KB compressed not already fetched (budget "
        f"{NEXT_CHAPTER_BUDGET / 1000:.0f} KB); the biggest:\n{_describe(sizes, site_url)}"
    )


@pytest.mark.parametrize("page_path", _pages())
def test_pages_load_plotly_only_for_charts_and_nothing_from_other_hosts(page, site_url, site_dir, page_path):
    urls = visit(page, site_url, page_path)
    has_charts = page.locator("figure.course-chart").count() > 0
    plotly = [url for url in urls if "plotly" in urlparse(url).path.rsplit("/", 1)[-1]]
    assert not page.course_external, f"{page_path} requested other hosts: {page.course_external}"
    if not has_charts:
        assert not plotly, f"{page_path} has no chart but loads {plotly}"
