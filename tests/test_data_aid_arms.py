"""What the US aid, Chinese official finance and arms-transfer tables must be.

The expected values come from the raw files (read here with the csv module, not through the preparation code), from
the totals the publishers print, and from the checks recorded when the files were collected.
"""
from __future__ import annotations

import csv
from collections import defaultdict

import pandas as pd
import pytest

from coursekit import load, paths
from coursekit.prepare.china_finance import summarise_by_year

RAW = paths.RAW_DIR
ROUNDING_TOLERANCE = 0.05  # Greenbook amounts are stored with two significant figures: ±5% per row at most


def raw_rows(relative: str) -> list[dict]:
    with (RAW / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------------------------------------------------------------
# us_aid_by_year (Greenbook)
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def aid() -> pd.DataFrame:
    return load("us_aid_by_year")


@pytest.fixture(scope="module")
def obligations() -> pd.DataFrame:
    return load("us_aid_obligations")


def test_fiscal_years_are_1948_to_2019_once_each(aid):
    assert aid["fiscal_year"].tolist() == list(range(1948, 2020))


@pytest.mark.parametrize("measure", ["nominal", "constant_fy2019"])
def test_economic_plus_military_is_the_total_exactly(aid, measure):
    parts = aid[f"economic_{measure}_usd"] + aid[f"military_{measure}_usd"]
    assert (parts == aid[f"total_{measure}_usd"]).all()


def test_constant_fy2019_equals_nominal_in_fy2019(aid):
    row = aid.set_index("fiscal_year").loc[2019]
    for category in ("economic", "military", "total"):
        assert row[f"{category}_constant_fy2019_usd"] == row[f"{category}_nominal_usd"]


def test_sums_match_the_raw_greenbook_rows_including_negative_adjustments(aid):
    rows = raw_rows("us-aid/greenbook_pakistan_by_account_FY1948-2019_meflynn.csv")
    sums: dict = defaultdict(float)
    negatives = 0
    for row in rows:
        key = (int(row["year"]), row["category"].lower())
        sums[key + ("nominal",)] += float(row["current"])
        sums[key + ("constant_fy2019",)] += float(row["constant"])
        negatives += float(row["current"]) < 0
    assert negatives >= 30, "the raw file's negative adjustment rows are expected (and must be summed)"
    table = aid.set_index("fiscal_year")
    for (year, category, measure), value in sums.items():
        assert table.loc[year, f"{category}_{measure}_usd"] == pytest.approx(value, abs=1), (year, category, measure)
    # FY1956 economic aid includes a -US$98m "ESF adjustment": dropping negatives would give a different number.
    assert table.loc[1956, "economic_nominal_usd"] == pytest.approx(sums[(1956, "economic", "nominal")], abs=1)


def test_years_without_greenbook_rows_are_zero_and_marked(aid):
    empty = aid[aid["greenbook_rows"] == 0]
    assert empty["fiscal_year"].tolist() == [1949, 1950]
    assert (empty["total_nominal_usd"] == 0).all()


def test_only_fy1976_includes_the_transition_quarter(aid):
    assert aid.loc[aid["includes_transition_quarter"], "fiscal_year"].tolist() == [1976]


def test_greenbook_totals_agree_with_foreignassistance_gov_within_rounding(aid, obligations):
    """Where both publishers have a year, the totals differ by no more than the stated ±5% rounding.

    FY1976 in the Greenbook copy includes the transition quarter, which ForeignAssistance.gov lists on its own row.
    """
    fa = obligations.groupby("fiscal_year")["obligations_nominal_usd"].sum()  # FY1976 + its transition quarter
    greenbook = aid.set_index("fiscal_year")["total_nominal_usd"]
    common = [y for y in greenbook.index if y in fa.index]
    assert len(common) == 70  # FY1948–FY2019 without FY1949–50
    ratios = {y: greenbook[y] / fa[y] - 1 for y in common}
    outside = {y: round(r * 100, 2) for y, r in ratios.items() if abs(r) > ROUNDING_TOLERANCE}
    assert not outside, f"years outside ±5%: {outside}"
    # The documented check: every year within ±4% (largest: FY1952, +3.7%).
    assert max(abs(r) for r in ratios.values()) < 0.04
    assert abs(ratios[1976]) < 0.01


# ---------------------------------------------------------------------------------------------------------------------
# us_aid_obligations (ForeignAssistance.gov)
# ---------------------------------------------------------------------------------------------------------------------
def test_obligation_years_and_the_transition_quarter(obligations):
    full = obligations[~obligations["transition_quarter"]]
    assert full["fiscal_year"].tolist() == [1948, *range(1951, 2024)]
    tq = obligations[obligations["transition_quarter"]]
    assert tq["fiscal_year"].tolist() == [1976]
    assert tq["obligations_nominal_usd"].tolist() == [64_500_000]
    assert "transition quarter" in tq["period"].iloc[0]
    assert obligations["period"].is_unique


def test_disbursements_only_from_fy2001(obligations):
    with_disbursements = obligations.loc[obligations["disbursements_nominal_usd"].notna(), "fiscal_year"]
    assert with_disbursements.tolist() == list(range(2001, 2024))


def test_constant_fy2021_equals_nominal_in_fy2021(obligations):
    row = obligations[(obligations["fiscal_year"] == 2021) & ~obligations["transition_quarter"]].iloc[0]
    assert row["obligations_constant_fy2021_usd"] == row["obligations_nominal_usd"]
    assert row["disbursements_constant_fy2021_usd"] == row["disbursements_nominal_usd"]


def test_obligations_are_the_raw_values(obligations):
    raw = {
        (r["Fiscal Year"], r["Transaction Type Name"]): int(r["current_amount"])
        for r in raw_rows("us-aid/foreignassistance_gov_country_summary_pakistan.csv")
    }
    table = obligations.set_index("period")
    for period, row in table.iterrows():
        label = f"{row['fiscal_year']}tq" if row["transition_quarter"] else str(row["fiscal_year"])
        assert row["obligations_nominal_usd"] == raw[(label, "Obligations")], period
        if (label, "Disbursements") in raw:
            assert row["disbursements_nominal_usd"] == raw[(label, "Disbursements")], period
    assert table.loc["FY2010", "obligations_nominal_usd"] == 2_681_066_585  # the PROVENANCE spot check (US$2.681bn)


# ---------------------------------------------------------------------------------------------------------------------
# CRS table and Coalition Support Funds
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def crs() -> pd.DataFrame:
    return load("us_aid_crs_by_account")


@pytest.fixture(scope="module")
def csf() -> pd.DataFrame:
    return load("us_csf_reimbursements")


def printed(crs: pd.DataFrame, version_date: str, account: str, period: str) -> float:
    cell = crs[(crs["crs_table_date"] == pd.Timestamp(version_date)) & (crs["program_or_account"] == account) & (crs["period"] == period)]
    assert len(cell) == 1, (version_date, account, period)
    return float(cell["value_usd_millions"].iloc[0])


def test_csf_covers_fy2002_to_fy2018_once(csf):
    years = [y for s, e in zip(csf["fiscal_year_start"], csf["fiscal_year_end"]) for y in range(s, e + 1)]
    assert sorted(years) == list(range(2002, 2019))
    assert csf.loc[~csf["annual"], "period"].tolist() == ["FY2002-FY2007"]


def test_each_csf_value_is_the_cell_printed_in_its_table_version(csf, crs):
    for _, row in csf.iterrows():
        cell = crs[(crs["crs_table_version"] == row["crs_table_version"]) & (crs["program_or_account"] == "CSF Reimbursements") & (crs["period"] == row["period"])]
        assert len(cell) == 1
        assert cell["value_as_printed"].iloc[0] == row["value_as_printed"]
        if pd.isna(row["csf_usd_millions"]):
            assert pd.isna(cell["value_usd_millions"].iloc[0])
        else:
            assert cell["value_usd_millions"].iloc[0] == row["csf_usd_millions"]


def test_each_csf_year_comes_from_the_newest_table_that_prints_it(csf, crs):
    csf_cells = crs[(crs["program_or_account"] == "CSF Reimbursements") & (crs["period_type"] == "annual")]
    for _, row in csf[csf["annual"]].iterrows():
        printing = csf_cells[csf_cells["fiscal_year_start"] == row["fiscal_year_start"]]
        assert row["crs_table_date"] == printing["crs_table_date"].max(), row["period"]


def test_csf_matches_the_crs_printed_totals(csf, crs):
    # Each version's CSF cells add up to the CSF total it prints.
    v2014 = printed(crs, "2014-03-06", "CSF Reimbursements", "FY2002-FY2008") + sum(
        printed(crs, "2014-03-06", "CSF Reimbursements", f"FY{y}") for y in range(2009, 2014)
    )
    assert v2014 == printed(crs, "2014-03-06", "CSF Reimbursements", "FY2002-FY2013 total") == 11_040
    v2019 = printed(crs, "2019-03-12", "CSF Reimbursements", "FY2002-FY2013") + sum(
        printed(crs, "2019-03-12", "CSF Reimbursements", f"FY{y}") for y in range(2014, 2017)
    )
    assert v2019 == printed(crs, "2019-03-12", "CSF Reimbursements", "FY2002-FY2018 total") == 14_573
    # The October 2013 table prints 10,705 but its cells add to 10,687: an inconsistency in the source, kept as printed.
    v2013 = printed(crs, "2013-10-24", "CSF Reimbursements", "FY2002-FY2007") + sum(
        printed(crs, "2013-10-24", "CSF Reimbursements", f"FY{y}") for y in range(2008, 2013)
    )
    assert (v2013, printed(crs, "2013-10-24", "CSF Reimbursements", "FY2002-FY2013 total")) == (10_687, 10_705)
    # Our rows: FY2002–07 and FY2008 (2013 table), FY2009–13 (2014 table), FY2014–18 (2019 table). They fall short of
    # the 2019 total by exactly the upward revision of FY2002–13 between the 2014 and 2019 tables, as documented.
    ours = csf["csf_usd_millions"].sum()
    revision = printed(crs, "2019-03-12", "CSF Reimbursements", "FY2002-FY2013") - 11_040
    assert ours == 13_488
    assert ours + revision == 14_573


def test_crs_grand_totals_are_security_plus_economic_plus_csf(crs):
    """The transcription check: in every version and column, the three printed subtotals add to the grand total (±1)."""
    wide = crs.pivot_table(index=["crs_table_version", "period"], columns="crs_group", values="value_usd_millions", aggfunc="sum")
    wide = wide.dropna(subset=["security_total", "economic_total", "grand_total"])
    parts = wide["security_total"] + wide["economic_total"] + wide["csf"].fillna(0)
    differences = (parts - wide["grand_total"]).abs()
    # The October 2013 FY2002–13 total uses CSF cells summing to 10,687, not its printed 10,705 (see above).
    known = differences.drop(("2013-10-24 (FY2002-FY2014)", "FY2002-FY2013 total"))
    assert (known <= 1).all(), known[known > 1]
    assert len(known) >= 20
    assert printed(crs, "2019-03-12", "Grand Total", "FY2002-FY2018 total") == 34_183


# ---------------------------------------------------------------------------------------------------------------------
# Chinese official finance (AidData)
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return load("china_finance_projects")


@pytest.fixture(scope="module")
def china_by_year() -> pd.DataFrame:
    return load("china_finance_by_year")


def test_projects_are_the_raw_rows(projects):
    raw = raw_rows("china-finance/aiddata_china_financial_diplomacy_pakistan_projects_2000-2017.csv")
    assert len(projects) == len(raw) == 192
    assert projects["project_id"].is_unique
    by_id = projects.set_index("project_id")
    for row in raw:
        ours = by_id.loc[int(row["project_id"])]
        assert ours["commitment_year"] == int(row["year"])
        assert ours["flow"] == row["flow"] and ours["flow_class"] == row["flow_class"]
        for column, raw_column in (("amount_usd_nominal", "usd_current"), ("amount_usd_constant_2017", "usd_defl_2017")):
            if row[raw_column] == "":
                assert pd.isna(ours[column])
            else:
                assert ours[column] == pytest.approx(float(row[raw_column]), abs=0.01)


def test_amounts_are_non_negative_and_years_in_coverage(projects):
    for column in ("amount_usd_nominal", "amount_usd_constant_2017"):
        assert (projects[column].dropna() >= 0).all()
    assert projects["commitment_year"].between(2000, 2017).all()
    assert projects["commitment_year"].min() == 2000 and projects["commitment_year"].max() == 2017


def test_constant_2017_equals_nominal_in_2017(projects):
    both = projects[(projects["commitment_year"] == 2017)].dropna(subset=["amount_usd_nominal", "amount_usd_constant_2017"])
    assert len(both) > 5
    assert (both["amount_usd_nominal"] - both["amount_usd_constant_2017"]).abs().max() < 0.01


def test_flow_types_group_aiddata_flows(projects):
    loans = projects[projects["flow_type"] == "loan"]["flow"].unique()
    grants = projects[projects["flow_type"] == "grant"]["flow"].unique()
    assert set(loans) == {"Loan (excluding debt rescheduling)", "Export credits", "Strategic/Supplier Credit"}
    assert "Grant" in grants and not any("Loan" in flow or "credit" in flow.lower() for flow in grants)
    assert set(projects.loc[projects["flow_type"] == "other", "flow"]) == {"Vague TBD"}


def test_by_year_is_the_sum_of_recommended_projects(projects, china_by_year):
    recommended = projects[projects["recommended_for_research"]]
    assert len(recommended) == len(projects)  # this AidData release keeps only recommended rows (documented)
    for keys, group in recommended.groupby(["commitment_year", "flow_type", "sector"]):
        row = china_by_year[
            (china_by_year["commitment_year"] == keys[0]) & (china_by_year["flow_type"] == keys[1]) & (china_by_year["sector"] == keys[2])
        ]
        assert len(row) == 1, keys
        assert row["projects"].iloc[0] == len(group)
        assert row["projects_with_amount"].iloc[0] == group["amount_usd_nominal"].notna().sum()
        expected = group["amount_usd_nominal"].sum()
        assert (row["amount_usd_nominal"].fillna(0).iloc[0]) == pytest.approx(expected, abs=0.05)
    assert china_by_year["projects"].sum() == len(recommended)
    assert china_by_year["amount_usd_nominal"].sum() == pytest.approx(recommended["amount_usd_nominal"].sum(), abs=1)


def test_the_summary_leaves_out_projects_not_recommended_for_research(projects):
    """Every row of this release is recommended, so prove the filter with a row that is not."""
    extra = projects.iloc[[0]].copy()
    extra["project_id"] = -1
    extra["recommended_for_research"] = False
    extra["amount_usd_nominal"] = 1e12
    extra["amount_usd_constant_2017"] = 1e12
    with_extra = pd.concat([projects, extra], ignore_index=True)
    assert summarise_by_year(with_extra).equals(summarise_by_year(projects))


# ---------------------------------------------------------------------------------------------------------------------
# Arms transfers (SIPRI)
# ---------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def arms() -> pd.DataFrame:
    return load("arms_imports_by_supplier")


def sipri_pakistan_row(relative: str) -> dict[int, float]:
    with (RAW / relative).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(r for r in rows if len(r) > 1 and r[1] == "1950")
    pakistan = next(r for r in rows if r and r[0] == "Pakistan")
    return {int(y): float(v) for y, v in zip(header[1:-1], pakistan[1:-1]) if v != ""}


def test_arms_years_values_and_keys(arms):
    assert arms["year"].between(1950, 2021).all() and arms["year"].min() == 1950 and arms["year"].max() == 2021
    assert (arms["tiv_millions"] >= 0).all()
    assert not arms.duplicated(["supplier", "year"]).any()
    assert arms["supplier"].nunique() == 32


@pytest.mark.parametrize("supplier,relative", [("China", "arms/SIPRI_TIV-Export-CHI-1950-2021.csv"), ("United States", "arms/SIPRI_TIV-Export-USA-1950-2021.csv")])
def test_china_and_us_match_sipri_own_tables_year_by_year(arms, supplier, relative):
    ours = arms[arms["supplier"] == supplier].set_index("year")["tiv_millions"].to_dict()
    assert ours == sipri_pakistan_row(relative)


def test_supplier_shares_each_year_sum_to_100_percent(arms):
    totals = arms.groupby("year")["tiv_millions"].transform("sum")
    shares = (arms["tiv_millions"] / totals * 100).groupby(arms["year"]).sum()
    positive_years = arms.groupby("year")["tiv_millions"].sum() > 0
    assert shares[positive_years].round(9).eq(100).all()


def window(arms: pd.DataFrame, first: int, last: int) -> pd.Series:
    return arms[arms["year"].between(first, last)].groupby("supplier")["tiv_millions"].sum()


def test_the_recorded_sipri_spot_checks_reproduce(arms):
    w = window(arms, 2016, 2020)
    assert w["China"] / w.sum() == pytest.approx(0.719, abs=0.0005)  # 71.9% (SIPRI's 2026 fact sheet says 73%)
    early, late = window(arms, 2008, 2012), window(arms, 2013, 2017)
    assert late["United States"] / early["United States"] - 1 == pytest.approx(-0.758, abs=0.0005)
    assert late.sum() / early.sum() - 1 == pytest.approx(-0.333, abs=0.0005)


# ---------------------------------------------------------------------------------------------------------------------
# Bad raw input fails loudly, naming the file and line
# ---------------------------------------------------------------------------------------------------------------------
def copy_raw(tmp_path, relative: str, edit) -> None:
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = (RAW / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join(edit(lines)), encoding="utf-8")


def test_a_wrong_greenbook_category_names_the_file_and_line(tmp_path):
    from coursekit import DataError
    from coursekit.prepare.us_aid import GREENBOOK, build_us_aid_by_year

    copy_raw(tmp_path, GREENBOOK, lambda lines: [lines[0], lines[1], lines[2].replace(",Economic,", ",Humanitarian,"), *lines[3:]])
    with pytest.raises(DataError, match=r"greenbook.*line 3.*'Humanitarian'"):
        build_us_aid_by_year(tmp_path)


def test_a_non_numeric_aiddata_amount_names_the_file_and_line(tmp_path):
    from coursekit import DataError
    from coursekit.prepare.china_finance import PROJECTS, build_china_finance_projects

    def edit(lines):
        header = lines[0].split(",")
        assert "usd_current" in header
        return [lines[0].replace("usd_current", "usd_current_renamed"), *lines[1:]]

    copy_raw(tmp_path, PROJECTS, edit)
    with pytest.raises(DataError, match=r"aiddata.*missing columns.*usd_current"):
        build_china_finance_projects(tmp_path)


def test_sipri_copies_that_disagree_are_an_error(tmp_path):
    from coursekit import DataError
    from coursekit.prepare.arms import BY_SUPPLIER, SIPRI_EXPORT_TABLES, build_arms_imports_by_supplier

    copy_raw(tmp_path, BY_SUPPLIER, lambda lines: [line.replace("China,Pakistan,2021,753", "China,Pakistan,2021,754") for line in lines])
    for relative in SIPRI_EXPORT_TABLES.values():
        copy_raw(tmp_path, relative, lambda lines: lines)
    with pytest.raises(DataError, match=r"China deliveries differ .* \[2021\]"):
        build_arms_imports_by_supplier(tmp_path)
