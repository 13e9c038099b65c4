"""US aid to Pakistan: USAID Greenbook, ForeignAssistance.gov and the CRS aid table.

Three publishers count different things, so the tables keep them apart:

* the Greenbook (USAID) gives *obligations* by account and by category (economic / military), FY1948–FY2019;
* ForeignAssistance.gov gives *obligations* and *disbursements* as totals only, FY1948–FY2023;
* the Congressional Research Service table gives *appropriations* by programme and the Coalition Support Funds
  (CSF) the Pentagon *reimbursed*, FY2002–FY2020. CSF paid Pakistan back for costs of operations supporting the US
  war in Afghanistan; it is not foreign assistance and neither the Greenbook nor ForeignAssistance.gov counts it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data import DataError
from .spec import COMPILED, PROCESSED_COPY, PUBLISHER_FILE, US_GOV_PUBLIC_DOMAIN, Field, Source, Table

GREENBOOK = "us-aid/greenbook_pakistan_by_account_FY1948-2019_meflynn.csv"
FOREIGNASSISTANCE = "us-aid/foreignassistance_gov_country_summary_pakistan.csv"
CRS = "us-aid/crs_direct_overt_us_aid_and_military_reimbursements_pakistan_TRANSCRIBED.csv"

FIRST_FY, GREENBOOK_LAST_FY = 1948, 2019
TRANSITION_QUARTER_FY = 1976  # the US fiscal year moved from July–June to October–September; Jul–Sep 1976 was the "TQ"

GREENBOOK_SOURCE = Source(
    "USAID, U.S. Overseas Loans and Grants (Greenbook), Pakistan, FY1948–FY2019",
    "https://foreignassistance.gov/data",
    "Greenbook workbook as downloaded in 2021 and converted by M. E. Flynn's R package greenbook "
    "(GitHub meflynn/greenbook, file data/greenbook.aid.rda, commit a2e68b3); Pakistan rows only",
)
FOREIGNASSISTANCE_SOURCE = Source(
    "U.S. Government, ForeignAssistance.gov, Country Summary (us_foreign_aid_country.csv), Pakistan",
    "https://foreignassistance.gov/data",
    "copy of the country summary in GitHub lublog/ForeignAssistance (commit fbcdca2, October 2023); Pakistan rows only",
)
CRS_SOURCES = (
    Source(
        "Congressional Research Service (K. Alan Kronstadt, Susan B. Epstein), Direct Overt U.S. Aid Appropriations "
        "for and Military Reimbursements to Pakistan, FY2002–FY2020 (12 March 2019)",
        "https://www.everycrsreport.com/reports/ZZZ25B97F35E5366F42.html",
    ),
    Source(
        "Congressional Research Service, the same table, FY2002–FY2015 (6 March 2014)",
        "https://www.everycrsreport.com/reports/7-6678.html",
    ),
    Source(
        "Congressional Research Service, the same table, FY2002–FY2014 (24 October 2013)",
        "https://vdocuments.us/pakaid.html",
        "text copy of the CRS PDF",
    ),
)

# Greenbook amounts were stored with two significant figures by the converting package: say so wherever they are used.
ROUNDING_CAVEAT = (
    "The Greenbook copy used here stores large amounts rounded to two significant figures (for example 1.2e+08), so a "
    "single account row can be off by up to ±5%. Use this table for the economic/military split and for trends; take "
    "exact yearly totals from us_aid_obligations (ForeignAssistance.gov). Summed by year, the two agree within ±4% in "
    "every year FY1948–FY2019."
)


def raw_error(path: Path, line: int | None, message: str) -> DataError:
    """An error that names the raw file, the line (1 = header) and what is wrong."""
    where = f"{path}, line {line}" if line is not None else str(path)
    return DataError(f"{where}: {message}")


def _read(raw_dir: Path, relpath: str) -> tuple[Path, pd.DataFrame]:
    path = Path(raw_dir) / relpath
    if not path.exists():
        raise raw_error(path, None, "file not found; copy it from the publisher's file into data/raw/ (see PROVENANCE)")
    return path, pd.read_csv(path, dtype=str, keep_default_na=False)


def _number(path: Path, frame: pd.DataFrame, column: str) -> pd.Series:
    """Parse a numeric column; any cell that is not a number is an error naming its line."""
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() & (frame[column].str.strip() != "")
    if bad.any():
        index = bad.idxmax()
        raise raw_error(path, int(index) + 2, f"column {column!r} holds {frame.at[index, column]!r}, not a number")
    return values


def _require_columns(path: Path, frame: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise raw_error(path, 1, f"missing columns {missing}; found {list(frame.columns)}")


# ---------------------------------------------------------------------------------------------------------------------
# Greenbook: economic and military obligations by fiscal year
# ---------------------------------------------------------------------------------------------------------------------
def build_us_aid_by_year(raw_dir: Path) -> pd.DataFrame:
    path, raw = _read(raw_dir, GREENBOOK)
    _require_columns(path, raw, ["country", "year", "category", "account", "constant", "current"])
    for column, allowed in (("country", {"Pakistan"}), ("category", {"Economic", "Military"})):
        bad = ~raw[column].isin(allowed)
        if bad.any():
            index = bad.idxmax()
            raise raw_error(path, int(index) + 2, f"{column} is {raw.at[index, column]!r}; expected one of {sorted(allowed)}")
    years = _number(path, raw, "year")
    if years.isna().any() or (years % 1 != 0).any() or not years.between(FIRST_FY, GREENBOOK_LAST_FY).all():
        index = (years.isna() | ~years.between(FIRST_FY, GREENBOOK_LAST_FY)).idxmax()
        raise raw_error(path, int(index) + 2, f"year {raw.at[index, 'year']!r} is not a fiscal year {FIRST_FY}–{GREENBOOK_LAST_FY}")
    frame = pd.DataFrame(
        {
            "fiscal_year": years.astype(int),
            "category": raw["category"].str.lower(),
            # Negative rows (e.g. "ESF adjustment") are real Greenbook bookkeeping entries: they are summed, not dropped.
            "nominal": _number(path, raw, "current"),
            "constant": _number(path, raw, "constant"),
        }
    )
    if frame[["nominal", "constant"]].isna().any().any():
        index = frame[["nominal", "constant"]].isna().any(axis=1).idxmax()
        raise raw_error(path, int(index) + 2, "an amount (current or constant) is empty")

    sums = frame.pivot_table(index="fiscal_year", columns="category", values=["nominal", "constant"], aggfunc="sum", fill_value=0.0)
    rows = frame.groupby("fiscal_year").size()
    years_all = pd.Index(range(FIRST_FY, GREENBOOK_LAST_FY + 1), name="fiscal_year")
    sums = sums.reindex(years_all, fill_value=0.0)

    def whole_dollars(measure: str, category: str) -> pd.Series:
        column = (measure, category)
        series = sums[column] if column in sums.columns else pd.Series(0.0, index=years_all)
        return series.round().astype("int64")

    out = pd.DataFrame(index=years_all)
    for measure, label in (("nominal", "nominal"), ("constant", "constant_fy2019")):
        economic = whole_dollars(measure, "economic")
        military = whole_dollars(measure, "military")
        out[f"economic_{label}_usd"] = economic
        out[f"military_{label}_usd"] = military
        out[f"total_{label}_usd"] = economic + military  # integers, so the parts add up exactly
    out["greenbook_rows"] = rows.reindex(years_all, fill_value=0).astype("int64")
    out["includes_transition_quarter"] = out.index == TRANSITION_QUARTER_FY
    return out.reset_index()


# ---------------------------------------------------------------------------------------------------------------------
# ForeignAssistance.gov: obligations and disbursements, totals only
# ---------------------------------------------------------------------------------------------------------------------
_FY_LABEL = re.compile(r"^(\d{4})(tq)?$")


def build_us_aid_obligations(raw_dir: Path) -> pd.DataFrame:
    path, raw = _read(raw_dir, FOREIGNASSISTANCE)
    _require_columns(path, raw, ["Country Code", "Transaction Type Name", "Fiscal Year", "current_amount", "constant_amount"])
    bad = raw["Country Code"] != "PAK"
    if bad.any():
        raise raw_error(path, int(bad.idxmax()) + 2, f"Country Code is {raw.at[bad.idxmax(), 'Country Code']!r}, expected 'PAK'")
    parsed = raw["Fiscal Year"].str.strip().str.lower().str.extract(_FY_LABEL)
    if parsed[0].isna().any():
        index = parsed[0].isna().idxmax()
        raise raw_error(path, int(index) + 2, f"Fiscal Year {raw.at[index, 'Fiscal Year']!r} is not a year or a year + 'tq'")
    frame = pd.DataFrame(
        {
            "fiscal_year": parsed[0].astype(int),
            "transition_quarter": parsed[1].notna(),
            "type": raw["Transaction Type Name"],
            "nominal": _number(path, raw, "current_amount"),
            "constant": _number(path, raw, "constant_amount"),
        }
    )
    keys = ["fiscal_year", "transition_quarter", "type"]
    duplicated = frame.duplicated(keys)
    if duplicated.any():
        raise raw_error(path, int(duplicated.idxmax()) + 2, "a second row for the same fiscal year and transaction type")

    def measure(kind: str, name: str) -> pd.DataFrame:
        part = frame[frame["type"] == kind].set_index(["fiscal_year", "transition_quarter"])[["nominal", "constant"]]
        return part.rename(columns={"nominal": f"{name}_nominal_usd", "constant": f"{name}_constant_fy2021_usd"})

    obligations = measure("Obligations", "obligations")
    if obligations.empty:
        raise raw_error(path, None, "no 'Obligations' rows")
    out = obligations.join(measure("Disbursements", "disbursements"), how="left").reset_index()
    out = out.sort_values(["fiscal_year", "transition_quarter"]).reset_index(drop=True)
    out.insert(
        0,
        "period",
        [f"FY{y} transition quarter (Jul–Sep {y})" if tq else f"FY{y}" for y, tq in zip(out["fiscal_year"], out["transition_quarter"])],
    )
    for column in out.columns:
        if column.endswith("_usd"):
            out[column] = out[column].round().astype("Int64")
    return out


# ---------------------------------------------------------------------------------------------------------------------
# CRS table: appropriations by account (long) and Coalition Support Funds by year
# ---------------------------------------------------------------------------------------------------------------------
_PERIOD = re.compile(r"^FY(?P<start>\d{4})(?:-FY(?P<end>\d{4}))?(?: (?P<tag>total|\(req\.\)|\(est\.\)))?$")
PERIOD_TYPES = ("annual", "multi-year", "printed total", "budget request", "estimate")


def _parse_period(path: Path, line: int, period: str) -> tuple[int, int, str]:
    match = _PERIOD.match(period)
    if not match:
        raise raw_error(path, line, f"period {period!r} is not like 'FY2010', 'FY2002-FY2008', '... total', '(req.)' or '(est.)'")
    start = int(match["start"])
    end = int(match["end"]) if match["end"] else start
    tag = match["tag"]
    if tag == "total":
        kind = "printed total"
    elif tag == "(req.)":
        kind = "budget request"
    elif tag == "(est.)":
        kind = "estimate"
    else:
        kind = "annual" if start == end else "multi-year"
    return start, end, kind


def build_us_aid_crs_by_account(raw_dir: Path) -> pd.DataFrame:
    path, raw = _read(raw_dir, CRS)
    columns = [
        "crs_table_version", "crs_table_date", "source_url", "program_or_account", "crs_group", "period",
        "value_as_printed", "value_usd_millions", "footnote_marker",
    ]
    _require_columns(path, raw, columns)
    parsed = [_parse_period(path, int(i) + 2, p) for i, p in raw["period"].items()]
    out = raw[columns].copy()
    out.insert(6, "fiscal_year_start", [p[0] for p in parsed])
    out.insert(7, "fiscal_year_end", [p[1] for p in parsed])
    out.insert(8, "period_type", [p[2] for p in parsed])
    out["value_usd_millions"] = _number(path, raw, "value_usd_millions")
    out["footnote_marker"] = out["footnote_marker"].replace("", pd.NA)
    duplicated = out.duplicated(["crs_table_version", "program_or_account", "period"])
    if duplicated.any():
        raise raw_error(path, int(duplicated.idxmax()) + 2, "a second row for the same table version, account and period")
    return out.sort_values(["crs_table_date", "crs_group", "program_or_account", "fiscal_year_start", "fiscal_year_end"]).reset_index(drop=True)


CSF_ACCOUNT = "CSF Reimbursements"
CSF_FIRST_FY, CSF_LAST_FY = 2002, 2018


def select_csf(crs_long: pd.DataFrame) -> pd.DataFrame:
    """Coalition Support Funds FY2002–FY2018, one row per period, from the most recent CRS table that prints it.

    For every fiscal year the newest table version with a column for that year alone is used (budget requests and
    estimates are skipped). No table prints FY2002–FY2007 year by year, so that period stays one multi-year row.
    """
    csf = crs_long[(crs_long["program_or_account"] == CSF_ACCOUNT)]
    annual = csf[(csf["period_type"] == "annual") & csf["fiscal_year_start"].between(CSF_FIRST_FY, CSF_LAST_FY)]
    newest = annual.sort_values("crs_table_date").groupby("fiscal_year_start").tail(1)
    covered = set(newest["fiscal_year_start"])
    # Earlier years only exist as a multi-year column: take the newest multi-year column that covers none of the
    # annual years already chosen.
    multi = csf[(csf["period_type"] == "multi-year") & (csf["fiscal_year_start"] == CSF_FIRST_FY)]
    multi = multi[multi["fiscal_year_end"] < min(covered)].sort_values("crs_table_date").tail(1)
    chosen = pd.concat([multi, newest]).sort_values("fiscal_year_start")
    years = [y for s, e in zip(chosen["fiscal_year_start"], chosen["fiscal_year_end"]) for y in range(s, e + 1)]
    if sorted(years) != list(range(CSF_FIRST_FY, CSF_LAST_FY + 1)):
        raise DataError(f"{CRS}: CSF periods chosen do not cover FY{CSF_FIRST_FY}–FY{CSF_LAST_FY} once each: {sorted(years)}")
    out = chosen.rename(columns={"value_usd_millions": "csf_usd_millions"})[
        ["period", "fiscal_year_start", "fiscal_year_end", "csf_usd_millions", "value_as_printed", "footnote_marker",
         "crs_table_version", "crs_table_date", "source_url"]
    ].copy()
    out.insert(3, "annual", out["fiscal_year_start"] == out["fiscal_year_end"])
    return out.reset_index(drop=True)


def build_us_csf_reimbursements(raw_dir: Path) -> pd.DataFrame:
    return select_csf(build_us_aid_crs_by_account(raw_dir))


# ---------------------------------------------------------------------------------------------------------------------
# Table declarations
# ---------------------------------------------------------------------------------------------------------------------
def _usd(name: str, what: str, unit: str, required: bool = True) -> Field:
    return Field(name, "integer", what, unit=unit, required=required)


TABLES = [
    Table(
        name="us_aid_by_year",
        title="US aid to Pakistan by fiscal year: economic and military obligations (USAID Greenbook), FY1948–FY2019",
        description=(
            "US government obligations of economic and military assistance to Pakistan, summed by US fiscal year from the "
            "Greenbook's account rows, in nominal US dollars and in constant FY2019 dollars. Obligations are funds "
            "committed in a year, not money disbursed. Coalition Support Funds are not included (see us_csf_reimbursements)."
        ),
        raw=(GREENBOOK,),
        sources=(GREENBOOK_SOURCE,),
        licenses=(US_GOV_PUBLIC_DOMAIN,),
        provenance=PROCESSED_COPY,
        caveats=(
            ROUNDING_CAVEAT,
            "Negative account rows (for example 'ESF adjustment' entries of the 1950s and 1980s) are real Greenbook "
            "bookkeeping rows and are included in the sums.",
            "FY1976 includes the transition quarter (July–September 1976), when the US fiscal year moved from July–June to "
            "October–September: the Greenbook copy has no separate row for it. ForeignAssistance.gov lists it separately "
            "(FY1976 $203.7m + transition quarter $64.5m = $268.2m, against $269.2m here).",
            "FY1949 and FY1950 have no Greenbook rows (nor ForeignAssistance.gov obligations); they are shown as 0 with "
            "greenbook_rows = 0.",
            "Sums are rounded to whole dollars; economic + military = total exactly.",
        ),
        fields=(
            Field("fiscal_year", "year", "US fiscal year (from FY1977, October to September; before, July to June)", unique=True, minimum=FIRST_FY, maximum=GREENBOOK_LAST_FY),
            _usd("economic_nominal_usd", "Economic assistance obligations", "US$ (nominal)"),
            _usd("military_nominal_usd", "Military assistance obligations", "US$ (nominal)"),
            _usd("total_nominal_usd", "Economic + military obligations", "US$ (nominal)"),
            _usd("economic_constant_fy2019_usd", "Economic assistance obligations", "US$ (constant FY2019)"),
            _usd("military_constant_fy2019_usd", "Military assistance obligations", "US$ (constant FY2019)"),
            _usd("total_constant_fy2019_usd", "Economic + military obligations", "US$ (constant FY2019)"),
            Field("greenbook_rows", "integer", "Number of Greenbook account rows summed for the year", minimum=0),
            Field("includes_transition_quarter", "boolean", "True for FY1976, which includes the July–September 1976 transition quarter"),
        ),
        build=build_us_aid_by_year,
        primary_key=("fiscal_year",),
        coverage="FY1948–FY2019",
    ),
    Table(
        name="us_aid_obligations",
        title="US foreign assistance to Pakistan: obligations and disbursements by fiscal year (ForeignAssistance.gov)",
        description=(
            "Total US foreign assistance to Pakistan as published by ForeignAssistance.gov: obligations FY1948–FY2023 and "
            "disbursements FY2001–FY2023, in nominal US dollars and constant FY2021 dollars. Totals only: there is no "
            "economic/military split (use us_aid_by_year for that)."
        ),
        raw=(FOREIGNASSISTANCE,),
        sources=(FOREIGNASSISTANCE_SOURCE,),
        licenses=(US_GOV_PUBLIC_DOMAIN,),
        provenance=PUBLISHER_FILE,
        caveats=(
            "Obligations are funds committed in a year; disbursements are money actually paid out in a year (including "
            "payments on earlier years' obligations). The two are not the same and should not be added.",
            "The July–September 1976 transition quarter, when the US fiscal year moved to October–September, is its own "
            "row (transition_quarter = true, fiscal_year = 1976).",
            "Department of Defense Coalition Support Funds are reimbursements, not foreign assistance, and are not included.",
            "No obligations are listed for FY1949 and FY1950. Disbursements start in FY2001.",
            "Recent years are revised continually; this copy was published in October 2023.",
        ),
        fields=(
            Field("period", "string", "Fiscal year label; the 1976 transition quarter is labelled as such", unique=True),
            Field("fiscal_year", "year", "US fiscal year", minimum=FIRST_FY, maximum=2023),
            Field("transition_quarter", "boolean", "True only for the July–September 1976 transition quarter"),
            _usd("obligations_nominal_usd", "Obligations", "US$ (nominal)"),
            _usd("obligations_constant_fy2021_usd", "Obligations", "US$ (constant FY2021)"),
            _usd("disbursements_nominal_usd", "Disbursements (FY2001 onwards)", "US$ (nominal)", required=False),
            _usd("disbursements_constant_fy2021_usd", "Disbursements (FY2001 onwards)", "US$ (constant FY2021)", required=False),
        ),
        build=build_us_aid_obligations,
        primary_key=("fiscal_year", "transition_quarter"),
        coverage="obligations FY1948–FY2023; disbursements FY2001–FY2023",
    ),
    Table(
        name="us_csf_reimbursements",
        title="Coalition Support Funds reimbursed to Pakistan, FY2002–FY2018 (CRS table)",
        description=(
            "US Department of Defense Coalition Support Funds (CSF) paid to Pakistan, in millions of nominal US dollars, "
            "as printed in the Congressional Research Service table 'Direct Overt U.S. Aid Appropriations for and "
            "Military Reimbursements to Pakistan'. CSF reimbursed Pakistan for costs of military operations in support "
            "of the US-led campaign in Afghanistan: it is a reimbursement, not foreign aid."
        ),
        raw=(CRS,),
        sources=CRS_SOURCES,
        licenses=(US_GOV_PUBLIC_DOMAIN,),
        provenance=COMPILED,
        caveats=(
            "Each year comes from the most recent of the three CRS table versions (October 2013, March 2014, March 2019) "
            "that prints that year in its own column; crs_table_version names it. No version prints FY2002–FY2007 year "
            "by year, so those six years are one row (US$5,678m, October 2013 table).",
            "Later versions raise earlier years as reimbursements are paid: FY2013 is US$353m in the March 2014 table "
            "(its latest annual figure), but the March 2019 table's FY2002–FY2013 total (US$12,125m) is US$1,085m higher "
            "than the March 2014 table's (US$11,040m). The rows here therefore sum to US$13,488m, against US$14,573m "
            "printed by CRS in 2019 for FY2002–FY2018.",
            "FY2017 and FY2018 carry no amount in the March 2019 table (footnote g; the table's totals count nothing for "
            "them); csf_usd_millions is empty there, not zero. Read the CRS footnote before describing these years.",
            "Transcribed from the CRS text; check against the CRS PDF before quoting a single cell.",
        ),
        fields=(
            Field("period", "string", "Fiscal year or multi-year period as printed by CRS", unique=True),
            Field("fiscal_year_start", "year", "First fiscal year of the period", minimum=CSF_FIRST_FY, maximum=CSF_LAST_FY),
            Field("fiscal_year_end", "year", "Last fiscal year of the period", minimum=CSF_FIRST_FY, maximum=CSF_LAST_FY),
            Field("annual", "boolean", "True if the row is a single fiscal year"),
            Field("csf_usd_millions", "number", "CSF reimbursements paid for the period", unit="US$ millions (nominal)", required=False, minimum=0),
            Field("value_as_printed", "string", "The cell exactly as printed, with footnote letters"),
            Field("footnote_marker", "string", "Footnote letter printed with the value (footnote texts are in the CRS report)", required=False),
            Field("crs_table_version", "string", "Which CRS table version the value comes from"),
            Field("crs_table_date", "date", "Date of that table version"),
            Field("source_url", "string", "Where the table version was read"),
        ),
        build=build_us_csf_reimbursements,
        primary_key=("period",),
        coverage="FY2002–FY2018",
    ),
    Table(
        name="us_aid_crs_by_account",
        title="US aid appropriations and military reimbursements to Pakistan by programme, FY2002–FY2020 (CRS table, three versions)",
        description=(
            "Every cell of three versions (October 2013, March 2014, March 2019) of the Congressional Research Service "
            "table 'Direct Overt U.S. Aid Appropriations for and Military Reimbursements to Pakistan', one row per table "
            "version × programme or account × period, in millions of nominal US dollars. These are appropriations (and, "
            "for CSF, reimbursements paid), not obligations or disbursements."
        ),
        raw=(CRS,),
        sources=CRS_SOURCES,
        licenses=(US_GOV_PUBLIC_DOMAIN,),
        provenance=COMPILED,
        caveats=(
            "Do not add rows across table versions: pick one version (crs_table_version) and one set of periods.",
            "period_type separates single years, multi-year columns, the printed totals, budget requests '(req.)' and "
            "estimates '(est.)'. Requests were not appropriated.",
            "value_as_printed keeps the printed cell ('—', '*', '<1', footnote letters). In the 2013 and 2014 texts a 'C' "
            "stands where the 2019 table prints '—'; it is probably a dash garbled in text extraction and has no value.",
            "The 2019 table folds the 1206, DA and HRDF rows into its aggregates; its FY2002–FY2013 column omits 1206 "
            "(312) and DA (286) and puts HRDF (17) inside ESF.",
            "In the October 2013 table the printed CSF total (10,705) differs from the sum of its CSF cells (10,687); the "
            "inconsistency is in the source.",
            "Transcribed from the CRS text; check against the CRS PDF before quoting a single cell.",
        ),
        fields=(
            Field("crs_table_version", "string", "Table version (date and fiscal years covered)"),
            Field("crs_table_date", "date", "Date of the table version"),
            Field("source_url", "string", "Where the table version was read"),
            Field("program_or_account", "string", "Programme or account as labelled by CRS (e.g. FMF, ESF, CSF Reimbursements, Grand Total)"),
            Field("crs_group", "string", "CRS grouping", enum=("security", "economic", "csf", "security_total", "economic_total", "grand_total")),
            Field("period", "string", "Column heading as printed"),
            Field("fiscal_year_start", "year", "First fiscal year of the column", minimum=2002, maximum=2020),
            Field("fiscal_year_end", "year", "Last fiscal year of the column", minimum=2002, maximum=2020),
            Field("period_type", "string", "Kind of column", enum=PERIOD_TYPES),
            Field("value_as_printed", "string", "The cell exactly as printed", required=False),
            Field("value_usd_millions", "number", "The number in the cell", unit="US$ millions (nominal)", required=False),
            Field("footnote_marker", "string", "Footnote letter printed with the value", required=False),
        ),
        build=build_us_aid_crs_by_account,
        primary_key=("crs_table_version", "program_or_account", "period"),
        coverage="FY2002–FY2020",
    ),
]
