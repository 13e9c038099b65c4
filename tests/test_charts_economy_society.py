"""The trade, remittances, debt, opinion and timeline charts draw exactly the numbers in the tables, in the course's colours.

Expected values are computed here from ``coursekit.load`` results, not from the builders' helper functions.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from coursekit import CourseFigure, charts, load
from coursekit.data import descriptor
from coursekit.theme import COLORS

BUILDERS = [
    "trade_partners", "exports_to_us_china", "trade_with_china_sources", "remittances_by_country", "remittances_total",
    "debt_service_by_creditor", "china_debt_share_estimates", "gdp_population_context", "pew_favourability", "students",
    "china_public_diplomacy",
]


@pytest.fixture(scope="module")
def figures() -> dict[str, CourseFigure]:
    return {name: getattr(charts, name)() for name in BUILDERS}


def trace(figure, name_start: str):
    found = [t for t in figure.data if t.name and t.name.startswith(name_start)]
    assert len(found) == 1, f"expected one trace named {name_start!r}, got {[t.name for t in figure.data]}"
    return found[0]


@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_has_title_description_source_table_and_known_datasets(figures, name):
    figure = figures[name]
    assert isinstance(figure, CourseFigure)
    assert len(figure.title) > 30 and figure.description and figure.source
    assert not figure.table.empty
    known = {r["name"] for r in descriptor()["resources"]}
    assert set(figure.datasets) <= known, set(figure.datasets) - known
    # The table's headers carry units wherever they hold amounts.
    money = [c for c in figure.table.columns if "US$" in c or "%" in c or "percent" in c.lower()]
    assert money or name in ("students", "china_public_diplomacy"), figure.table.columns.tolist()


def test_trade_partners_draws_the_sbp_values_with_country_colours(figures):
    figure = figures["trade_partners"].figure
    trade = load("trade_by_country")
    rows = trade[(trade["fiscal_year"] == "FY2024-25") & (trade["months"] == "Jul-Jun")]
    exports = next(t for t in figure.data if t.name.startswith("exports, FY2024-25"))
    imports = next(t for t in figure.data if t.name.startswith("imports, FY2024-25"))
    assert exports.visible is True and imports.visible is True
    for bars, flow in ((exports, "exports"), (imports, "imports")):
        values = dict(zip(bars.y, bars.x))
        expected = rows[rows["flow"] == flow].set_index("country")["value_usd_million"]
        for country in ("United States", "China"):
            if country in values:
                assert values[country] == pytest.approx(expected[country] / 1000, rel=1e-12)
        colours = dict(zip(bars.y, bars.marker.color))
        assert colours.get("United States", COLORS["us"]) == COLORS["us"]
        assert colours["China"] == COLORS["china"]
        assert {c for n, c in colours.items() if n not in ("United States", "China")} == {COLORS["other"]}
    # The UAE's emirates are summed into one bar.
    uae = rows[(rows["flow"] == "imports") & rows["country"].str.startswith("U. A. E.")]["value_usd_million"].sum()
    assert dict(zip(imports.y, imports.x))["UAE (all emirates)"] == pytest.approx(uae / 1000)
    # The largest partner is drawn last (at the top of a horizontal bar chart).
    assert exports.y[-1] == "United States" and imports.y[-1] == "China"
    # The partial year is offered, and labelled partial.
    labels = [b.label for b in figure.layout.updatemenus[0].buttons]
    assert any("partial" in label for label in labels)


def test_exports_to_us_china_uses_markers_only_and_leaves_out_the_doubtful_row(figures):
    figure = figures["exports_to_us_china"].figure
    assert all(t.mode == "markers" for t in figure.data)
    compiled = load("exports_to_us_china")
    spot = load("trade_spot_values")
    quoted_china = trace(figure, "China: quoted")
    china = compiled[(compiled["partner"] == "China") & ~compiled["doubtful"]]
    # Fiscal years the compiled file lacks come from the spot-value table's SBP fiscal-year rows.
    extra = spot[(spot["partner"] == "China") & (spot["flow"] == "exports") & spot["period"].str.startswith("FY")
                 & ~spot["period"].isin(compiled[compiled["partner"] == "China"]["fiscal_year"])]
    expected = sorted(pd.concat([china["value_usd_million"], extra["value_usd_million"]]) / 1000)
    assert sorted(quoted_china.y) == pytest.approx(expected)
    assert 3.16 not in list(quoted_china.y)  # FY2014-15, flagged doubtful
    assert trace(figure, "US: quoted").marker.color == COLORS["us"]
    assert quoted_china.marker.color == COLORS["china"]
    trade = load("trade_by_country")
    us_file = trade[(trade["country"] == "United States") & (trade["flow"] == "exports") & trade["complete_fiscal_year"]]
    assert sorted(trace(figure, "US: SBP file").y) == pytest.approx(sorted(us_file["value_usd_million"] / 1000))


def test_trade_with_china_sources_shows_each_reporter_separately(figures):
    cf = figures["trade_with_china_sources"]
    figure = cf.figure
    assert all(t.mode == "markers" for t in figure.data)
    spot = load("trade_spot_values")
    gacc = spot[(spot["partner"] == "China") & spot["reporting_source"].str.startswith("China customs") & (spot["flow"] == "exports")]
    china_traces = [t for t in figure.data if t.name.startswith("China's customs")]
    drawn = sorted(v for t in china_traces for v in t.y)
    expected_gacc = sorted(gacc["value_usd_million"] / 1000) + sorted(
        spot[(spot["partner"] == "China") & spot["reporting_source"].str.startswith("China customs") & (spot["flow"] == "imports")]["value_usd_million"] / 1000)
    assert drawn == pytest.approx(sorted(expected_gacc))
    assert all(t.marker.color == COLORS["china"] for t in china_traces)
    assert "3.6" in cf.description  # calendar 2021, China's customs


def test_remittances_by_country_sums_only_complete_fiscal_years(figures):
    cf = figures["remittances_by_country"]
    remittances = load("remittances_by_country")
    months = remittances.groupby("fiscal_year")["month"].nunique()
    complete = months[months == 12].index
    last = max(complete)
    bars = next(t for t in cf.figure.data if t.type == "bar")
    assert bars.name == last
    expected = remittances[remittances["fiscal_year"] == last].groupby("source_country")["value_usd_million"].sum() / 1000
    drawn = dict(zip(bars.y, bars.x))
    assert drawn["United States"] == pytest.approx(expected["United States"], rel=1e-12)
    assert drawn["Saudi Arabia"] == pytest.approx(expected["Saudi Arabia"], rel=1e-12)
    assert dict(zip(bars.y, bars.marker.color))["United States"] == COLORS["us"]
    # Partial fiscal years appear only in the note, never in the table.
    assert set(cf.table["Fiscal year (Jul–Jun)"]) == set(complete)
    assert "FY2021-22" in cf.notes and "FY2026-27" in cf.notes


def test_remittances_total_draws_the_wdi_series(figures):
    figure = figures["remittances_total"].figure
    wdi = load("remittances_total")
    assert list(figure.data[0].x) == wdi["year"].tolist()
    assert list(figure.data[0].y) == pytest.approx((wdi["value_usd"] / 1e9).tolist())
    assert figure.data[0].marker.color == COLORS["pakistan"]


def test_debt_service_marks_projections_and_draws_china_exactly(figures):
    cf = figures["debt_service_by_creditor"]
    figure = cf.figure
    debt = load("debt_service_by_creditor")
    china = debt[debt["creditor"] == "China"].set_index("year")
    china_total = china["interest_usd"].fillna(0) + china["principal_usd"].fillna(0)
    projected, actual = trace(figure, "China (projected)"), next(t for t in figure.data if t.name == "China")
    assert list(projected.x) == [y for y in china_total.index if y > 2024]
    assert list(projected.y) == pytest.approx((china_total[china_total.index > 2024] / 1e9).tolist())
    assert list(actual.x) == [y for y in china_total.index if y <= 2024]
    assert projected.marker.pattern.shape == "/" and not actual.marker.pattern.shape
    assert projected.marker.color == COLORS["china"]
    assert "projection" in cf.notes.lower() or "projected" in cf.notes.lower()
    assert "Projected" in " ".join(a.text for a in figure.layout.annotations)


def test_china_debt_share_estimates_names_every_source(figures):
    cf = figures["china_debt_share_estimates"]
    shares = load("external_debt_china_share")
    assert sorted(cf.figure.data[0].x) == sorted(shares["china_share_pct"])
    for reporter in shares["reported_by"]:
        assert reporter in cf.description
    assert cf.figure.data[0].marker.color == COLORS["china"]
    assert cf.title.count("13%") == 1 and "30%" in cf.title


def test_pew_leaves_gaps_and_does_not_interpolate(figures):
    figure = figures["pew_favourability"].figure
    pew = load("pew_favourability")
    us = trace(figure, "United States (Pew")
    assert us.connectgaps is False and us.line.color == COLORS["us"]
    drawn = {x: y for x, y in zip(us.x, us.y) if y is not None}
    expected = pew[(pew["country_rated"] == "United States") & (pew["measure"] == "favourable") & (pew["survey"].str.startswith("Pew"))]
    assert drawn == dict(zip(expected["survey_year"], expected["percent"]))
    assert 2011 not in drawn and 2008 not in drawn  # no favourable figure: a gap, not a guess
    china = trace(figure, "China (Pew")
    assert china.line.color == COLORS["china"]
    assert sum(v is None for v in china.y) > 0


def test_students_uses_both_publishers(figures):
    figure = figures["students"].figure
    in_china = trace(figure, "In China (AidData)")
    diplomacy = load("china_public_diplomacy").dropna(subset=["pakistani_students_in_china"])
    assert {x: y for x, y in zip(in_china.x, in_china.y) if y is not None} == dict(
        zip(diplomacy["year"], diplomacy["pakistani_students_in_china"]))
    assert trace(figure, "In the US").line.color == COLORS["us"]
    assert in_china.line.color == COLORS["china"]


def test_context_chart_draws_gdp_in_billions(figures):
    figure = figures["gdp_population_context"].figure
    gdp = load("gdp")
    assert list(figure.data[0].y) == pytest.approx((gdp["gdp_usd"] / 1e9).tolist())
    assert figure.data[0].line.color == COLORS["pakistan"]


# -- the timeline ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def timeline_html() -> str:
    return charts.timeline().to_html(include_script=False)


def test_timeline_lists_every_event_with_a_source_link(timeline_html):
    events = load("timeline_events")
    assert timeline_html.count('class="course-timeline-event ') == len(events)
    for url in events["source_url"]:
        assert url.replace("&", "&amp;") in timeline_html
    assert timeline_html.startswith("<!-- course:timeline -->")


def test_timeline_filters_are_labelled_native_controls_hidden_without_script(timeline_html):
    assert re.search(r'<form class="course-timeline-filters" hidden', timeline_html)
    assert timeline_html.count('type="checkbox" name="relationship"') == 3
    assert re.search(r'<label class="course-timeline-theme-label" for="([\w-]+)-theme">Theme</label><select id="\1-theme"', timeline_html)
    assert 'role="status"' in timeline_html and 'aria-live="polite"' in timeline_html


def test_timeline_script_is_inline_only_in_a_live_kernel(monkeypatch):
    monkeypatch.delenv("COURSE_BOOK_BUILD", raising=False)
    live = charts.timeline()._repr_html_()
    monkeypatch.setenv("COURSE_BOOK_BUILD", "1")
    book = charts.timeline()._repr_html_()
    assert "<script>" in live and "course-timeline" in live
    assert "<script" not in book and book.startswith("<!-- course:timeline -->")


def _timeline_document(tmp_path) -> str:
    path = tmp_path / "timeline.html"
    path.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Timeline</title></head><body>'
                    + charts.timeline().to_html(include_script=True) + "</body></html>", encoding="utf-8")
    return path.as_uri()


def test_timeline_filters_by_keyboard_and_announces_the_count(browser, tmp_path):
    events = load("timeline_events")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(_timeline_document(tmp_path))
    status = page.locator("[role=status]")
    assert page.locator("form.course-timeline-filters").is_visible()
    assert status.inner_text().startswith(f"Showing {len(events)} of {len(events)} events")
    # Tab reaches the first checkbox (Pakistan–China); Space unticks it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "China"
    page.keyboard.press("Space")
    not_china = int((events["relationship"] != "China").sum())
    assert status.inner_text().startswith(f"Showing {not_china} of {len(events)} events")
    assert page.locator(".course-timeline-event:visible").count() == not_china
    page.select_option("select[name=theme]", "nuclear")
    expected = int(((events["relationship"] != "China") & (events["theme"] == "nuclear")).sum())
    assert page.locator(".course-timeline-event:visible").count() == expected
    assert "theme: nuclear" in status.inner_text()
    page.click(".course-timeline-reset")
    assert page.locator(".course-timeline-event:visible").count() == len(events)
    assert errors == []
    context.close()


def test_timeline_without_javascript_is_the_full_plain_list(browser, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_timeline_document(tmp_path))
    assert not page.locator("form.course-timeline-filters").is_visible()  # controls that would do nothing stay hidden
    assert page.locator(".course-timeline-event:visible").count() == len(load("timeline_events"))
    assert page.locator(".course-timeline-event a[href^='http']").count() == len(load("timeline_events"))
    context.close()
