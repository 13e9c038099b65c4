"""What the trade, remittances, debt, opinion, students, context and timeline tables must be.

Expected values come from the raw files (read here with the csv module, not through the preparation code), from the
totals the publishers print in the same files, and from figures checked when the files were collected.
"""
from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from coursekit import DataError, load, paths
from coursekit.prepare import economy, timeline

RAW = paths.RAW_DIR
FY = re.compile(r"FY(\d{4})-(\d{2})")


def raw_rows(relative: str) -> list[list[str]]:
    with (RAW / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def raw_dicts(relative: str) -> list[dict]:
    with (RAW / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def assert_fiscal_years_well_formed(values) -> None:
    for value in values:
        match = FY.fullmatch(value)
        assert match, f"{value!r} is not written FYyyyy-yy"
        start, end = int(match.group(1)), int(match.group(2))
        assert (start + 1) % 100 == end, f"{value}: the second year must follow the first"
        assert 1947 <= start <= 2026, value


# -- trade_by_country --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def trade() -> pd.DataFrame:
    return load("trade_by_country")


def test_trade_keys_unique_and_fiscal_years_well_formed(trade):
    assert not trade.duplicated(["country", "flow", "fiscal_year", "months"]).any()
    assert_fiscal_years_well_formed(trade["fiscal_year"])
    assert set(zip(trade["fiscal_year"], trade["months"])) == {
        ("FY2023-24", "Jul-Jun"), ("FY2024-25", "Jul-Jun"), ("FY2024-25", "Jul-Mar"), ("FY2025-26", "Jul-Mar")
    }
    assert (trade["value_usd_million"] >= 0).all()
    assert set(trade.loc[trade["complete_fiscal_year"], "months"]) == {"Jul-Jun"}


@pytest.mark.parametrize(
    "flow, relative, column, fiscal_year, months",
    [
        ("exports", economy.EXPORTS_FILE, 1, "FY2023-24", "Jul-Jun"),
        ("exports", economy.EXPORTS_FILE, 2, "FY2024-25", "Jul-Jun"),
        ("exports", economy.EXPORTS_FILE, 7, "FY2025-26", "Jul-Mar"),
        ("imports", economy.IMPORTS_FILE, 1, "FY2023-24", "Jul-Jun"),
        ("imports", economy.IMPORTS_FILE, 2, "FY2024-25", "Jul-Jun"),
        ("imports", economy.IMPORTS_FILE, 6, "FY2024-25", "Jul-Mar"),
        ("imports", economy.IMPORTS_FILE, 7, "FY2025-26", "Jul-Mar"),
    ],
)
def test_country_rows_add_up_to_sbps_own_through_banks_total(trade, flow, relative, column, fiscal_year, months):
    total_row = next(r for r in raw_rows(relative) if r and r[0].startswith("I. "))
    printed_total = float(total_row[column]) / 1000  # SBP prints thousands of US$
    rows = trade[(trade["flow"] == flow) & (trade["fiscal_year"] == fiscal_year) & (trade["months"] == months)]
    # The file stores unrounded doubles, so the sum agrees to a fraction of a thousand dollars.
    assert rows["value_usd_million"].sum() == pytest.approx(printed_total, abs=0.001)


def test_trade_china_and_usa_match_the_raw_cells_and_press_checks(trade):
    value = trade.set_index(["country", "flow", "fiscal_year", "months"])["value_usd_million"]
    exports = {r[0]: r for r in raw_rows(economy.EXPORTS_FILE)}
    assert value[("United States", "exports", "FY2024-25", "Jul-Jun")] == pytest.approx(float(exports["U. S. A."][2]) / 1000)
    # Checked against APP / The Nation (2 Aug 2024): exports to China FY2023-24 $2.707 bn, imports $13.506 bn.
    assert value[("China", "exports", "FY2023-24", "Jul-Jun")] == pytest.approx(2707, rel=0.002)
    assert value[("China", "imports", "FY2023-24", "Jul-Jun")] == pytest.approx(13506, rel=0.002)
    # pakistancustoms.net: FY2024-25 China $2.47 bn exports, $16.31 bn imports.
    assert value[("China", "imports", "FY2024-25", "Jul-Jun")] == pytest.approx(16310, rel=0.002)


def test_the_partial_year_is_smaller_than_the_whole_year_for_every_country(trade):
    keyed = trade.set_index(["country", "flow", "fiscal_year", "months"])["value_usd_million"]
    for (country, flow, fy, months), part in keyed.items():
        if months == "Jul-Mar" and fy == "FY2024-25":
            assert part <= keyed[(country, flow, fy, "Jul-Jun")] + 1e-9, (country, flow)


def test_a_changed_sbp_header_is_a_clear_error(tmp_path):
    (tmp_path / "trade").mkdir()
    rows = raw_rows(economy.EXPORTS_FILE)
    rows[5][1] = "FY23"  # a shifted period column
    with (tmp_path / economy.EXPORTS_FILE).open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    (tmp_path / economy.IMPORTS_FILE).write_bytes((RAW / economy.IMPORTS_FILE).read_bytes())
    with pytest.raises(DataError, match=r"sbp_export_receipts.*rows 5-6"):
        economy.build_trade_by_country(tmp_path)


# -- compiled trade figures --------------------------------------------------------------------------------------------
def test_spot_values_keep_one_source_url_per_row():
    spot = load("trade_spot_values")
    assert len(spot) == len(raw_dicts(economy.TRADE_SPOT_FILE))
    assert spot["source_url"].str.match(r"https?://").all()
    assert not spot.duplicated(["partner", "reporting_source", "period", "flow"]).any()
    # The row printed "(same as previous row)" takes the URL of the row above it.
    row = spot[(spot["period"] == "2012") & (spot["flow"] == "exports")].iloc[0]
    above = spot[(spot["period"] == "2012") & (spot["flow"] == "total trade")].iloc[0]
    assert row["source_url"] == above["source_url"]
    # billions are converted to millions, nothing else
    assert spot[(spot["period"] == "2021") & (spot["flow"] == "total trade")]["value_usd_million"].iloc[0] == pytest.approx(27820)


def test_exports_to_us_china_flags_the_doubtful_and_lower_bound_rows():
    exports = load("exports_to_us_china")
    assert not exports.duplicated(["partner", "fiscal_year"]).any()
    assert_fiscal_years_well_formed(exports["fiscal_year"])
    doubtful = exports[exports["doubtful"]]
    assert doubtful[["partner", "fiscal_year"]].values.tolist() == [["China", "FY2014-15"]]
    assert exports[exports["lower_bound"]]["fiscal_year"].tolist() == ["FY2012-13"]
    us = exports.set_index(["partner", "fiscal_year"])["value_usd_million"]
    assert us[("United States", "FY2023-24")] == pytest.approx(5432.929)
    assert us[("China", "FY2018-19")] == pytest.approx(1850)
    assert exports["source_url"].str.match(r"https?://").all()


# -- remittances -------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def remittances() -> pd.DataFrame:
    return load("remittances_by_country")


def test_remittances_months_complete_and_non_negative(remittances):
    assert (remittances["value_usd_million"] >= 0).all()
    assert not remittances.duplicated(["month", "source_country"]).any()
    months = sorted(remittances["month"].unique())
    assert months[0] == "2021-08" and months[-1] == "2026-07" and len(months) == 60
    assert remittances.groupby("month").size().eq(7).all()
    assert_fiscal_years_well_formed(remittances["fiscal_year"])
    # Pakistan's fiscal year runs July-June.
    fy = remittances.drop_duplicates("month").set_index("month")["fiscal_year"]
    assert fy["2024-06"] == "FY2023-24" and fy["2024-07"] == "FY2024-25"


def test_listed_sources_never_exceed_the_total(remittances):
    wide = remittances.pivot(index="month", columns="source_country", values="value_usd_million")
    listed = wide.drop(columns="All countries (total)").sum(axis=1)
    assert (listed <= wide["All countries (total)"] + 1e-6).all()


def test_fy2024_25_totals_match_sbp_as_reported_in_july_2025(remittances):
    # Daily Pakistan (SBP data, 9 Jul 2025): record $38.3 bn; KSA $9.3 bn, UAE $7.8 bn, UK $5.9 bn, EU $4.5 bn, US $3.7 bn.
    year = remittances[remittances["fiscal_year"] == "FY2024-25"].groupby("source_country")["value_usd_million"].sum() / 1000
    expected = {"All countries (total)": 38.3, "Saudi Arabia": 9.3, "United Arab Emirates": 7.8, "United Kingdom": 5.9,
                "European Union": 4.5, "United States": 3.7}
    for source, billions in expected.items():
        assert round(year[source], 1) == pytest.approx(billions, abs=0.05), source


def test_wdi_remittances_are_the_raw_rows_and_2020_is_26_1_bn():
    wdi = load("remittances_total")
    raw = raw_dicts(economy.REMITTANCES_WDI_FILE)
    assert wdi["year"].tolist() == [int(r["year"]) for r in raw] == list(range(1976, 2021))
    assert (wdi["value_usd"] >= 0).all()
    assert wdi.set_index("year").loc[2020, "value_usd"] == pytest.approx(26.108e9)


# -- debt --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def debt() -> pd.DataFrame:
    return load("debt_service_by_creditor")


def test_debt_years_and_projection_flag(debt):
    assert debt["year"].min() == 2000 and debt["year"].max() == 2030
    assert not debt.duplicated(["year", "creditor"]).any()
    assert (debt["projection"] == (debt["year"] > 2024)).all()
    assert set(debt.groupby("year").size().index) == set(range(2000, 2031))
    assert not debt["creditor"].str.contains(r"^\s|\s$").any()


def test_creditors_add_up_to_all_creditors_every_year(debt):
    for part in ("interest_usd", "principal_usd"):
        by_year = debt[debt["creditor"] != "All creditors"].groupby("year")[part].sum()
        total = debt[debt["creditor"] == "All creditors"].set_index("year")[part]
        assert (by_year - total).abs().max() < 1.0, part


def test_bondholder_repayments_match_the_sukuk_redemptions(debt):
    # $1 bn sukuk repaid in Dec 2022 and the 2016 sukuk maturing in 2021 (ARY News, Business Recorder).
    bonds = debt[debt["creditor"] == "Bondholders"].set_index("year")["principal_usd"]
    assert bonds[2022] == pytest.approx(1e9) and bonds[2021] == pytest.approx(1e9)


def test_china_share_estimates_are_percentages_with_sources():
    shares = load("external_debt_china_share")
    assert shares["china_share_pct"].between(0, 100).all()
    assert sorted(shares["china_share_pct"]) == [13, 18, 22, 23, 30]
    assert shares["source_url"].str.match(r"https?://").all()
    world_bank = shares[(shares["estimate_by"] == "World Bank") & (shares["as_of"] == "end-2023")].iloc[0]
    # 22% is $28.8 bn of $130.85 bn (Dawn, 4 Dec 2024).
    assert round(100 * 28.8 / 130.85) == world_bank["china_share_pct"]


def test_imf_credit_is_the_raw_end_year_stock():
    imf = load("imf_credit")
    assert imf["year"].tolist() == list(range(1989, 2020))
    assert imf.set_index("year").loc[2019, "value_usd"] == pytest.approx(float(raw_dicts(economy.IMF_CREDIT_FILE)[-1]["dt_dod_dimf_cd"]))


# -- opinion, students, soft power -----------------------------------------------------------------------------------
def test_pew_percentages_and_survey_years():
    pew = load("pew_favourability")
    assert pew["percent"].between(0, 100).all()
    assert not pew.duplicated(["survey_year", "country_rated", "measure"]).any()
    # Pew's Global Attitudes surveys began in 2002; only the State Department figure may be earlier.
    early = pew[pew["survey_year"] < 2002]
    assert (early["survey"] == "U.S. State Department survey").all() and len(early) == 1
    assert pew["survey_year"].max() <= 2026
    favour = pew[pew["measure"] == "favourable"].set_index(["survey_year", "country_rated"])["percent"]
    assert favour[(2012, "United States")] == 12 and favour[(2013, "United States")] == 11 and favour[(2012, "China")] == 85


def test_students_counts_and_the_2018_19_breakdown():
    students = load("students")
    assert (students["students"] > 0).all()
    us = students[students["host"] == "United States"].set_index("period")["students"]
    assert us["2018/19"] == 3505 + 2761 + 306 + 1385  # undergraduate + graduate + non-degree + OPT, as printed
    assert us["2022/23"] == 10164 and us["2021/22"] == 8772
    for period, start in zip(students["period"], students["start_year"]):
        assert period.startswith(str(start))


def test_public_diplomacy_counts_are_non_negative_and_cumulative_counts_never_fall():
    pd_table = load("china_public_diplomacy")
    assert pd_table["year"].tolist() == list(range(2000, 2019))
    for column in ("confucius_institutes_cumulative", "sister_cities_cumulative"):
        present = pd_table[column].dropna()
        assert (present >= 0).all()
        assert present.is_monotonic_increasing, column
    assert pd_table.set_index("year").loc[2017, "pakistani_students_in_china"] == 24879


def test_context_series():
    gdp, population = load("gdp"), load("population")
    assert gdp["year"].tolist() == list(range(1960, 2024))
    assert population["year"].tolist() == list(range(1960, 2025))
    # WDI GDP, checked against the World Bank's figures for 2000 and 2010 (99,485 m and 196,710 m).
    assert gdp.set_index("year").loc[2000, "gdp_usd"] / 1e6 == pytest.approx(99485, abs=1)
    assert population.set_index("year").loc[2023, "population"] / 1e6 == pytest.approx(247.50, abs=0.01)


# -- timeline ----------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load("timeline_events")


def test_timeline_dates_parse_sorted_and_in_range(events):
    assert events["start_date"].notna().all()
    assert events["start_date"].is_monotonic_increasing
    assert events["start_date"].dt.year.between(1947, 2026).all()
    ends = events.dropna(subset=["end_date"])
    assert (ends["end_date"] >= ends["start_date"]).all()
    assert events["event_id"].is_unique
    for label, start in zip(events["date_label"], events["start_date"]):
        assert str(start.year) in label


def test_every_event_has_a_source_url_and_one_line(events):
    assert events["source_url"].str.match(r"https?://\S+$").all()
    assert events["source_title"].str.len().gt(0).all()
    assert (~events["event"].str.contains("\n")).all()
    assert set(events["relationship"]) == set(timeline.RELATIONSHIPS)


def test_timeline_applies_the_second_check_corrections(events):
    text = " ".join(events["event"])
    assert "six-year $3.2 billion" in text and "five-year" not in text
    gwadar_zone = events[events["event"].str.contains("free zone")]
    assert gwadar_zone["event"].str.contains("43-year").all() and len(gwadar_zone) == 1
    first_drone = events[events["event"].str.contains("first US drone strike")].iloc[0]
    assert first_drone["start_date"] == pd.Timestamp("2004-06-17")
    assert events.iloc[0]["start_date"] == pd.Timestamp("1947-08-15")


def test_a_timeline_date_out_of_range_names_file_and_row(tmp_path):
    (tmp_path / "compiled").mkdir()
    rows = raw_rows(timeline.TIMELINE_FILE)
    rows[3][0] = "1946-12-31"
    with (tmp_path / timeline.TIMELINE_FILE).open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(DataError, match=r"timeline_events_COMPILED\.csv, row 3, field 'start_date'.*outside 1947"):
        timeline.build_timeline_events(tmp_path)
