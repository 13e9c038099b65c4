"""The aid, finance and arms charts draw exactly the numbers in the tables, in the course's colours.

Expected values are computed here from ``coursekit.load`` results, not from the builders' helper functions.
"""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from coursekit import CourseFigure, charts, load
from coursekit.data import descriptor
from coursekit.theme import COLORS

BN = 1e9


def same(actual, expected) -> bool:
    """Element-wise equality of two number sequences, NaN/None counting as equal to each other."""
    actual, expected = list(actual), list(expected)
    if len(actual) != len(expected):
        return False
    for a, e in zip(actual, expected):
        a_missing = a is None or (isinstance(a, float) and math.isnan(a))
        e_missing = e is None or (isinstance(e, float) and math.isnan(e))
        if a_missing or e_missing:
            if a_missing != e_missing:
                return False
        elif a != pytest.approx(e, rel=1e-12, abs=1e-12):
            return False
    return True


def trace(figure, name_start: str):
    found = [t for t in figure.data if t.name and t.name.startswith(name_start)]
    assert len(found) == 1, f"expected one trace named {name_start!r}, got {[t.name for t in figure.data]}"
    return found[0]


def button(figure, label: str) -> dict:
    buttons = [b for menu in figure.layout.updatemenus for b in menu.buttons if b.label == label]
    assert len(buttons) == 1, label
    return buttons[0]


def trace_index(figure, name_start: str) -> int:
    return next(i for i, t in enumerate(figure.data) if t.name and t.name.startswith(name_start))


def traces_json(figure) -> str:
    """The traces only (the template's colourway lists every course colour)."""
    return json.loads(figure.to_json())["data"].__repr__()


def check_course_figure(cf: CourseFigure) -> None:
    assert isinstance(cf, CourseFigure)
    assert len(cf.title) > 30 and len(cf.description) > 100 and cf.source
    names = {entry["name"] for entry in descriptor()["resources"]}
    assert set(cf.datasets) <= names
    assert not cf.table.empty
    # The spec a browser receives must be strict JSON (no NaN): the book's loader parses it with JSON.parse.
    html = cf.to_book_html()
    spec = html.split('class="course-chart-spec">', 1)[1].split("</script>", 1)[0]
    json.loads(spec, parse_constant=lambda token: pytest.fail(f"non-JSON constant {token} in the figure spec"))


# ---------------------------------------------------------------------------------------------------------------------
# US aid
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def us_tables():
    return load("us_aid_by_year"), load("us_csf_reimbursements"), load("us_aid_obligations")


@pytest.fixture(scope="module")
def us_chart():
    return charts.us_aid_by_year()


def fy2019_factor(obligations: pd.DataFrame) -> dict[int, float]:
    full = obligations[~obligations["transition_quarter"]].set_index("fiscal_year")
    price = full["obligations_nominal_usd"].astype(float) / full["obligations_constant_fy2021_usd"].astype(float)
    return (price.loc[2019] / price).to_dict()


def test_us_aid_chart_is_a_complete_course_figure(us_chart):
    check_course_figure(us_chart)
    assert "constant" in us_chart.figure.layout.yaxis.title.text and "FY2019" in us_chart.figure.layout.yaxis.title.text
    assert "not foreign aid" in us_chart.description or "not foreign aid" in (us_chart.notes or "")


def test_us_aid_default_view_is_constant_fy2019_from_the_table(us_chart, us_tables):
    aid, _, _ = us_tables
    fig = us_chart.figure
    economic, military = trace(fig, "Economic aid"), trace(fig, "Military aid")
    assert list(economic.x) == aid["fiscal_year"].tolist() == list(range(1948, 2020))
    assert same(economic.y, aid["economic_constant_fy2019_usd"] / BN)
    assert same(military.y, aid["military_constant_fy2019_usd"] / BN)
    assert fig.layout.barmode == "stack"


def test_us_aid_buttons_carry_the_right_arrays(us_chart, us_tables):
    aid, csf, obligations = us_tables
    fig = us_chart.figure
    factor = fy2019_factor(obligations)
    later = obligations[(obligations["fiscal_year"] >= 2020) & ~obligations["transition_quarter"]]
    annual_csf = csf[csf["annual"]].sort_values("fiscal_year_start")
    csf_nominal_bn = (annual_csf["csf_usd_millions"] * 1e6 / BN).tolist()
    expected = {
        "Nominal US$": {
            "Economic aid": aid["economic_nominal_usd"] / BN,
            "Military aid": aid["military_nominal_usd"] / BN,
            "FY2020–23": later["obligations_nominal_usd"].astype(float) / BN,
            "Coalition Support Funds": csf_nominal_bn,
        },
        "Constant FY2019 US$": {
            "Economic aid": aid["economic_constant_fy2019_usd"] / BN,
            "Military aid": aid["military_constant_fy2019_usd"] / BN,
            "FY2020–23": [v * factor[y] / BN for y, v in zip(later["fiscal_year"], later["obligations_nominal_usd"].astype(float))],
            "Coalition Support Funds": [v * factor[y] for y, v in zip(annual_csf["fiscal_year_start"], csf_nominal_bn)],
        },
    }
    for label, series in expected.items():
        args = button(fig, label).args
        for name, values in series.items():
            assert same(args[0]["y"][trace_index(fig, name)], values), (label, name)
        assert ("constant FY2019" in args[1]["yaxis.title.text"]) == (label.startswith("Constant"))
    # FY2020–23 is ForeignAssistance.gov's total (no split) and the CSF trace stops at FY2018.
    assert list(trace(fig, "FY2020–23").x) == [2020, 2021, 2022, 2023]
    assert list(trace(fig, "Coalition Support Funds").x) == list(range(2008, 2019))
    # FY2017–18: CRS prints no amount, so nothing is drawn (no invented zero).
    assert same(trace(fig, "Coalition Support Funds").y[-2:], [float("nan")] * 2)


def test_constant_fy2019_conversion_is_neutral_in_fy2019(us_tables):
    _, _, obligations = us_tables
    assert fy2019_factor(obligations)[2019] == 1.0


def test_csf_is_visually_distinct_and_labelled_not_aid(us_chart):
    fig = us_chart.figure
    csf = trace(fig, "Coalition Support Funds")
    assert csf.type == "scatter" and csf.line.dash == "dash"
    assert "not aid" in csf.name
    multi = trace(fig, "CSF FY2002–07")
    # The six-year total has no yearly split: drawn (as its yearly average) only in the nominal view.
    assert multi.y[0] == pytest.approx(5678e6 / 6 / BN)
    assert button(fig, "Nominal US$").args[0]["visible"][trace_index(fig, "CSF FY2002–07")] is True
    assert button(fig, "Constant FY2019 US$").args[0]["visible"][trace_index(fig, "CSF FY2002–07")] is False


def test_us_aid_colours(us_chart):
    fig = us_chart.figure
    assert trace(fig, "Military aid").marker.color == COLORS["us"]
    economic = trace(fig, "Economic aid").marker.color
    assert economic not in (COLORS["china"], COLORS["other"], COLORS["pakistan"])
    red, green, blue = (int(economic[i : i + 2], 16) for i in (1, 3, 5))
    assert blue > green > red, f"economic aid {economic} should be a tint of the US blue"
    assert trace(fig, "FY2020–23").marker.pattern.fgcolor == COLORS["us"]
    assert COLORS["china"] not in traces_json(fig)


@pytest.mark.parametrize(
    "label,fiscal_year",
    [("1954", 1954), ("1965", 1966), ("1979", 1979), ("1990", 1991), ("1998", 1998), ("2001", 2001), ("2009", 2010), ("2011", 2011), ("2018", 2018)],
)
def test_turning_points_fall_inside_the_right_fiscal_year(us_chart, label, fiscal_year):
    """Oct 1990 is in FY1991 (October–September years); Sep 1965 is in FY1966 (July–June years until 1976)."""
    notes = [a for a in us_chart.figure.layout.annotations if a.text.startswith(label)]
    assert len(notes) == 1
    assert fiscal_year - 0.5 < notes[0].x < fiscal_year + 0.5
    assert notes[0].hovertext


def test_us_aid_table_holds_the_numbers_shown(us_chart, us_tables):
    aid, _, _ = us_tables
    table = us_chart.table.set_index("Fiscal year")
    assert same(table.loc[1948:2019, "Military (nominal US$ m)"], aid["military_nominal_usd"] / 1e6)
    assert same(table.loc[1948:2019, "Economic (constant FY2019 US$ m)"], aid["economic_constant_fy2019_usd"] / 1e6)


# ---------------------------------------------------------------------------------------------------------------------
# Chinese official finance
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def china_by_year():
    return load("china_finance_by_year")


def china_sums(by_year: pd.DataFrame, flow: str, column: str) -> list[float]:
    rows = by_year[by_year["flow_type"] == flow].groupby("commitment_year")[column].sum()
    return [rows.get(year, 0.0) / BN for year in range(2000, 2018)]


def test_china_finance_by_year_values_and_buttons(china_by_year):
    cf = charts.china_finance_by_year()
    check_course_figure(cf)
    fig = cf.figure
    assert "not disbursements" in cf.notes and "commitments" in cf.notes.lower()
    names = {"loan": "Loans", "grant": "Grants", "other": "Type unclear"}
    for flow, name in names.items():
        drawn = trace(fig, name)
        assert list(drawn.x) == list(range(2000, 2018))
        assert same(drawn.y, china_sums(china_by_year, flow, "amount_usd_nominal"))
        index = trace_index(fig, name)
        assert same(button(fig, "Nominal US$").args[0]["y"][index], china_sums(china_by_year, flow, "amount_usd_nominal"))
        assert same(button(fig, "Constant 2017 US$").args[0]["y"][index], china_sums(china_by_year, flow, "amount_usd_constant_2017"))
    assert trace(fig, "Loans").marker.color == COLORS["china"]
    assert COLORS["us"] not in traces_json(fig)


def test_china_finance_by_sector_values(china_by_year):
    cf = charts.china_finance_by_sector()
    check_course_figure(cf)
    loans = trace(cf.figure, "Loans")
    sectors = [c[0] for c in loans.customdata]
    expected = china_by_year[china_by_year["flow_type"] == "loan"].groupby("sector")["amount_usd_nominal"].sum()
    assert same(loans.x, [expected.get(s, 0.0) / BN for s in sectors])
    assert set(sectors) == set(china_by_year["sector"])
    assert loans.marker.color == COLORS["china"]


def test_us_china_comparison_values_and_colours(china_by_year):
    cf = charts.us_china_finance_comparison()
    check_course_figure(cf)
    obligations = load("us_aid_obligations")
    us = obligations[obligations["fiscal_year"].between(2000, 2017) & ~obligations["transition_quarter"]]
    fig = cf.figure
    us_trace = trace(fig, "United States")
    assert list(us_trace.x) == list(range(2000, 2018))
    assert same(us_trace.y, us["obligations_nominal_usd"].astype(float) / BN)
    loans = trace(fig, "China: loans")
    grants = trace(fig, "China: grants")
    assert same(loans.y, china_sums(china_by_year, "loan", "amount_usd_nominal"))
    expected_grants = [g + o for g, o in zip(china_sums(china_by_year, "grant", "amount_usd_nominal"), china_sums(china_by_year, "other", "amount_usd_nominal"))]
    assert same(grants.y, expected_grants)
    assert same(grants.base, loans.y)  # grants are stacked on the loans within China's bar
    assert us_trace.marker.color == COLORS["us"] and loans.marker.color == COLORS["china"]
    text = (cf.description + " " + cf.notes).lower()
    for must in ("obligation", "commitment", "loan", "not aid", "disbursement", "nominal"):
        assert must in text, must


# ---------------------------------------------------------------------------------------------------------------------
# Arms
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def arms():
    return load("arms_imports_by_supplier")


def group_of(supplier: str) -> str:
    return {"China": "China", "United States": "United States"}.get(supplier, "All other suppliers")


def test_arms_imports_by_supplier_values_and_colours(arms):
    cf = charts.arms_imports_by_supplier()
    check_course_figure(cf)
    assert "not" in cf.figure.layout.yaxis.title.text and "TIV" in cf.figure.layout.yaxis.title.text
    grouped = arms.assign(group=arms["supplier"].map(group_of)).groupby(["group", "year"])["tiv_millions"].sum()
    for group, colour in (("China", COLORS["china"]), ("United States", COLORS["us"]), ("All other suppliers", COLORS["other"])):
        drawn = trace(cf.figure, group)
        assert list(drawn.x) == list(range(1950, 2022))
        assert same(drawn.y, [grouped.get((group, y), 0.0) for y in range(1950, 2022)])
        assert drawn.marker.color == colour
    assert "not money" in cf.description.lower() or "not dollars" in (cf.notes or "").lower()


def test_arms_supplier_shares_are_shares_of_each_window(arms):
    cf = charts.arms_supplier_shares()
    check_course_figure(cf)
    fig = cf.figure
    traces = [trace(fig, g) for g in ("China", "United States", "All other suppliers")]
    assert all(len(t.y) == 15 for t in traces)
    for i in range(15):
        assert sum(t.y[i] for t in traces) == pytest.approx(100)
    tagged = arms.assign(group=arms["supplier"].map(group_of), window=(arms["year"] - 1950) // 5)
    sums = tagged.groupby(["window", "group"])["tiv_millions"].sum()
    for i in range(15):
        total = sums.loc[i].sum()
        assert traces[0].y[i] == pytest.approx(sums.loc[(i, "China")] / total * 100 if (i, "China") in sums else 0)
        assert traces[1].y[i] == pytest.approx(sums.loc[(i, "United States")] / total * 100 if (i, "United States") in sums else 0)
    assert list(fig.data[0].x)[-1].startswith("2020–21")
    assert traces[0].marker.color == COLORS["china"] and traces[1].marker.color == COLORS["us"] and traces[2].marker.color == COLORS["other"]
    # 2015–19: 71.8% in this SIPRI extract.
    assert traces[0].y[13] == pytest.approx(71.8, abs=0.05)


# ---------------------------------------------------------------------------------------------------------------------
# Explorer
# ---------------------------------------------------------------------------------------------------------------------
def test_explorer_in_the_book_is_the_default_chart_and_a_binder_note(monkeypatch):
    monkeypatch.setenv("COURSE_BOOK_BUILD", "1")
    static = charts.aid_explorer()
    assert isinstance(static.figure, CourseFigure)
    assert static.figure.title == charts.us_aid_by_year().title
    assert "Binder" in static.note_html and "kernel" in static.note_html
    import ipywidgets

    assert not isinstance(static, ipywidgets.Widget)


def test_explorer_in_a_kernel_is_a_widget_that_redraws(monkeypatch):
    monkeypatch.delenv("COURSE_BOOK_BUILD", raising=False)
    import ipywidgets

    box = charts.aid_explorer()
    assert isinstance(box, ipywidgets.VBox)
    donor, years, category, view = box.children[:4]
    assert [value for _, value in donor.options] == ["us", "china"]
    donor.value = "china"
    assert years.value == (2000, 2017) and category.value == "all"
    category.value = "loan"
    view.value = "nominal"
    donor.value = "us"
    assert years.value == (1948, 2019)


def test_explorer_figures_use_the_tables(china_by_year):
    from coursekit.charts.aid import explorer_figure

    aid = load("us_aid_by_year")
    fig = explorer_figure("us", 1980, 1990, "military", "nominal")
    assert [t.name for t in fig.data] == ["Military aid"]
    window = aid[aid["fiscal_year"].between(1980, 1990)]
    assert same(fig.data[0].y, window["military_nominal_usd"] / BN)
    fig = explorer_figure("china", 2000, 2017, "loan", "constant")
    assert same(fig.data[0].y, china_sums(china_by_year, "loan", "amount_usd_constant_2017"))
    assert "2017" in fig.layout.yaxis.title.text
    with pytest.raises(ValueError, match="donor"):
        explorer_figure("india", 2000, 2010, "all", "nominal")
