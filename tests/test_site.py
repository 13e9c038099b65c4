"""The built website: self-contained, error-free, and every chart drawn.

These tests load every page of the built site in headless Chromium with every non-local request aborted.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_pages import built_pages, draw_all_charts

EXTERNAL = re.compile(r"""^(https?:)?//""", re.IGNORECASE)
# Attributes through which a page makes a request (links a reader clicks, <a href>, are not requests).
REQUEST_ATTRS = re.compile(r"""<(script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']([^"']+)["']|<link\b[^>]*\bhref=["']([^"']+)["']""", re.IGNORECASE)


def test_site_has_every_chapter(site_dir: Path):
    chapters = sorted(p.name for p in (site_dir / "chapters").glob("*.html"))
    assert len(chapters) == 10, f"expected 10 chapter pages, found {chapters}"


def test_no_page_requests_an_external_host(site_dir: Path):
    offenders = []
    for page in built_pages(site_dir):
        for match in REQUEST_ATTRS.finditer(page.read_text(encoding="utf-8")):
            url = match.group(2) or match.group(3)
            if EXTERNAL.match(url):
                offenders.append(f"{page.relative_to(site_dir)}: {url}")
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"url\((['\"]?)(https?:)?//[^)]+\)", css.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{css.relative_to(site_dir)}: url({url})")
    assert not offenders, "pages request external hosts:\n" + "\n".join(offenders)


def test_plotly_only_on_pages_with_charts(site_dir: Path):
    for page in built_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        has_chart = 'class="course-chart"' in html
        loads_loader = "_static/course/chart-loader.js" in html
        assert has_chart == loads_loader, f"{page.relative_to(site_dir)}: charts={has_chart}, chart loader={loads_loader}"
        assert "plotly.min.js" not in html or "plotly-full.min.js" in html, (
            f"{page.relative_to(site_dir)}: plotly.js must be fetched by the chart loader, not in the page head"
        )


def test_plotly_js_is_served_by_the_site(site_dir: Path):
    bundle = site_dir / "_static" / "course" / "plotly.min.js"
    assert bundle.exists() and bundle.stat().st_size > 500_000, "the site must serve its own plotly.js"


def _pages(site_dir: Path) -> list[str]:
    return [str(p.relative_to(site_dir)) for p in built_pages(site_dir)]


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        from conftest import SITE_DIR

        paths = _pages(SITE_DIR) if (SITE_DIR / "index.html").exists() else ["(no built site)"]
        metafunc.parametrize("page_path", paths)


def test_page_loads_offline_without_errors_and_draws_every_chart(page, site_url, site_dir, page_path):
    if page_path == "(no built site)":
        pytest.fail("no built site: run `make book`")
    page.goto(site_url + page_path, wait_until="load")
    drawn = draw_all_charts(page)
    failed = page.locator("figure.course-chart[data-draw-state='failed']").count()
    svgs = page.locator("figure.course-chart .main-svg").count()
    assert not page.course_external, f"{page_path} requested external hosts: {page.course_external}"
    assert not page.course_errors, f"{page_path} logged errors: {page.course_errors}"
    assert failed == 0, f"{page_path}: {failed} chart(s) failed to draw"
    assert svgs >= drawn, f"{page_path}: {drawn} charts but only {svgs} plotly SVGs"


def _plot_data(page, figure) -> list[dict]:
    """The traces plotly actually drew in a figure: name, x and y, read from the page."""
    return page.evaluate(
        "el => el.querySelector('.js-plotly-plot').data.map(t => ({name: t.name, x: t.x ? Array.from(t.x) : [],"
        " y: t.y ? Array.from(t.y) : [], lat: t.lat ? Array.from(t.lat) : [], text: t.text ? [].concat(t.text) : []}))",
        figure.element_handle(),
    )


def _economic_aid_fy2010(traces) -> float:
    economic = next(t for t in traces if t["name"] == "Economic aid")
    return economic["y"][economic["x"].index(2010)]


def test_aid_chart_switches_between_constant_and_nominal_dollars(page, site_url):
    """Clicking the chart's own button redraws it with the other column of the data (US$ billions)."""
    from coursekit import load

    aid = load("us_aid_by_year").set_index("fiscal_year")
    page.goto(site_url + "chapters/03_us_since_1947.html", wait_until="load")
    figure = page.locator("figure.course-chart", has_text="Constant FY2019").first
    draw_all_charts(page)
    figure.scroll_into_view_if_needed()
    constant = _economic_aid_fy2010(_plot_data(page, figure))
    assert abs(constant - aid.loc[2010, "economic_constant_fy2019_usd"] / 1e9) < 1e-9
    figure.locator("g.updatemenu-button", has_text="Nominal").click()
    page.wait_for_timeout(500)
    nominal = _economic_aid_fy2010(_plot_data(page, figure))
    assert abs(nominal - aid.loc[2010, "economic_nominal_usd"] / 1e9) < 1e-9
    assert not page.course_errors, page.course_errors


def test_cpec_map_shows_projects_routes_and_labels(page, site_url):
    from coursekit import load

    page.goto(site_url + "chapters/04_cpec.html", wait_until="load")
    draw_all_charts(page)
    maps = page.locator("figure.course-chart:has(.geo)")
    assert maps.count() >= 1, "no map drawn on the CPEC chapter"
    traces = _plot_data(page, maps.first)
    drawn_lats = {round(lat, 3) for t in traces for lat in t["lat"] if lat is not None}
    energy = load("cpec_energy_projects").dropna(subset=["lat"])
    placed = energy[energy["location_precision"] != "province"]  # province-level ones share one marker per province
    assert {round(lat, 3) for lat in placed["lat"]} <= drawn_lats, "some mapped energy projects are not drawn"
    names = " ".join(t["name"] or "" for t in traces) + " ".join(str(x) for t in traces for x in t["text"])
    for label in ("Gwadar", "Karachi", "Islamabad", "Khunjerab", "Kashgar"):
        assert label in names, f"the CPEC map does not label {label}"
    assert "schematic" in names.lower(), "the map's routes are not labelled schematic"
    assert "disputed" in maps.first.inner_text().lower() or "disputed" in maps.first.text_content().lower()
