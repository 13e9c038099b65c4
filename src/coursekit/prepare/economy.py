"""Trade, remittances, debt and context tables (State Bank of Pakistan, World Bank, compiled press figures).

Every build function reads its raw file from ``data/raw/`` and raises :class:`coursekit.DataError` naming the file, the
row and the problem when the file is not shaped as expected, so a changed download can never become a silent wrong
chart. Pakistan's fiscal year runs from July to June: "FY2024-25" is July 2024 to June 2025.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ..data import DataError
from .spec import (
    CC_BY_4,
    CITED_PAGES,
    COMPILED,
    PROCESSED_COPY,
    PUBLISHER_FILE,
    Field,
    License,
    Source,
    Table,
)

TOPIC = "Trade, remittances and debt"

EXPORTS_FILE = "trade/sbp_export_receipts_by_all_countries_FY24-FY26Mar.csv"
IMPORTS_FILE = "trade/sbp_import_payments_by_all_countries_FY24-FY26Mar.csv"
TRADE_SPOT_FILE = "trade/pakistan_trade_with_china_usa_spot_values_COMPILED.csv"
EXPORTS_US_CHINA_FILE = "trade/pakistan_exports_to_usa_china_by_fiscal_year_COMPILED.csv"
REMITTANCES_MONTHLY_FILE = (
    "remittances/sbp_workers_remittances_by_source_country_monthly_2021-08_2026-07_via_pakistaneconomydashboard.csv"
)
REMITTANCES_WDI_FILE = "remittances/wdi_BX.TRF.PWKR.CD.DT_pakistan_1976-2020_open-numbers.csv"
DEBT_SERVICE_FILE = "debt/ids_ppg_debt_service_by_creditor_pakistan_2000-2030_via_ONEcampaign.csv"
DEBT_SPOT_FILE = "debt/pakistan_external_debt_by_creditor_spot_values_COMPILED.csv"
CHINA_SHARE_FILE = "compiled/china_share_of_external_debt_estimates_COMPILED.csv"
IMF_CREDIT_FILE = "debt/wdi_ids_DT.DOD.DIMF.CD_use_of_imf_credit_pakistan_1989-2019_open-numbers.csv"
GDP_FILE = "context/datahub_gdp_current_usd_NY.GDP.MKTP.CD_pakistan_1960-2023.csv"
POPULATION_FILE = "context/datahub_population_SP.POP.TOTL_pakistan_1960-2024.csv"

FISCAL_YEAR_PATTERN = r"FY\d{4}-\d{2}"  # e.g. FY2024-25 (July 2024 to June 2025)
LAST_ACTUAL_DEBT_YEAR = 2024  # IDS (via ONE) projects debt service on debt outstanding at end-2024 for 2025-2030

SBP_LICENSE = License("SBP-terms", "State Bank of Pakistan data, published free of charge (no explicit licence); cite SBP")
ODC_PDDL = License("ODC-PDDL-1.0", "Open Data Commons Public Domain Dedication and License (packaging)", "https://opendatacommons.org/licenses/pddl/")

SBP_ECODATA = "https://www.sbp.org.pk/ecodata/index2.asp"


# -- helpers ------------------------------------------------------------------------------------------------------------

def _read_rows(raw_dir: Path, relative: str) -> list[list[str]]:
    path = raw_dir / relative
    if not path.exists():
        raise DataError(f"data/raw/{relative}: file missing")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _read_csv(raw_dir: Path, relative: str, columns: list[str]) -> pd.DataFrame:
    """A raw CSV as strings, after checking that its header holds the columns we use."""
    rows = _read_rows(raw_dir, relative)
    if not rows:
        raise DataError(f"data/raw/{relative}: the file is empty")
    header = rows[0]
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(f"data/raw/{relative}: header lacks column(s) {missing}; found {header}")
    for number, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            raise DataError(f"data/raw/{relative}, row {number}: {len(row)} cells, but the header has {len(header)}")
    frame = pd.DataFrame(rows[1:], columns=header, dtype=object)
    frame.index = range(1, len(frame) + 1)
    return frame


def _number(relative: str, row: int, field: str, text: str, allow_empty: bool = False) -> float | None:
    text = text.strip()
    if text == "":
        if allow_empty:
            return None
        raise DataError(f"data/raw/{relative}, row {row}, field '{field}': empty, but a number is required")
    try:
        return float(text)
    except ValueError:
        raise DataError(f"data/raw/{relative}, row {row}, field '{field}': '{text}' is not a number") from None


def _first_number(relative: str, row: int, field: str, text: str) -> float:
    """The first number in a quoted value such as "more than 2.17 (Urdu: ...)" or "3.59 (Urdu: ...)"."""
    match = re.search(r"\d+(?:\.\d+)?", text)
    if not match:
        raise DataError(f"data/raw/{relative}, row {row}, field '{field}': no number in '{text}'")
    return float(match.group())


def _to_usd_million(relative: str, row: int, value: float, unit: str) -> float:
    unit = unit.strip().lower()
    if unit == "million usd":
        return value
    if unit == "billion usd":
        return round(value * 1000, 6)
    raise DataError(f"data/raw/{relative}, row {row}, field 'unit': '{unit}' is not 'million USD' or 'billion USD'")


def fiscal_year_of_month(month: str) -> str:
    """Pakistan's fiscal year (July-June) holding a month 'YYYY-MM': 2024-07 and 2025-06 are both FY2024-25."""
    year, mon = int(month[:4]), int(month[5:7])
    start = year if mon >= 7 else year - 1
    return f"FY{start}-{(start + 1) % 100:02d}"


# -- SBP trade by country -----------------------------------------------------------------------------------------------

# The SBP sheets' two header rows give each column's period; we keep the cumulative ones (whole or part fiscal years)
# and leave out the three single-month columns.
SBP_PERIODS = {
    1: ("FY2023-24", "Jul-Jun", True, ""),
    2: ("FY2024-25", "Jul-Jun", True, "revised"),
    6: ("FY2024-25", "Jul-Mar", False, "revised"),
    7: ("FY2025-26", "Jul-Mar", False, "provisional"),
}
SBP_HEADER = [["Country", "Jul-Jun", "", "Mar (R)", "Feb (R)", "Mar (P)", "Jul-Mar", ""],
              ["", "FY24", "FY25 (R)", "FY25", "FY26", "FY26", "FY25 (R)", "FY26 (P)"]]
COUNTRY_NAMES = {"U. S. A.": "United States", "U. K.": "United Kingdom"}  # SBP spelling -> plain name


def _sbp_country_rows(raw_dir: Path, relative: str) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The by-country rows of an SBP sheet (row number, cells) and its 'I. ... through Banks' total row."""
    rows = _read_rows(raw_dir, relative)
    if [r[:8] for r in rows[4:6]] != SBP_HEADER:
        raise DataError(f"data/raw/{relative}, rows 5-6: the period header is not the expected {SBP_HEADER}; found {rows[4:6]}")
    countries = []
    for number, row in enumerate(rows[6:], start=7):
        if not row or row[0].strip() == "":
            break
        countries.append((number, row))
    totals = [r for r in rows if r and r[0].startswith("I. ")]
    if len(totals) != 1:
        raise DataError(f"data/raw/{relative}: expected one total row starting 'I. ' (through banks), found {len(totals)}")
    return countries, totals[0]


def sbp_bank_totals(raw_dir: Path, relative: str) -> dict[tuple[str, str], float]:
    """SBP's own 'through banks' total (US$ million) per kept period, for checks against the sum of countries."""
    _, total = _sbp_country_rows(raw_dir, relative)
    return {(fy, months): float(total[col]) / 1000 for col, (fy, months, _, _) in SBP_PERIODS.items()}


def build_trade_by_country(raw_dir: Path) -> pd.DataFrame:
    records = []
    for flow, relative in (("exports", EXPORTS_FILE), ("imports", IMPORTS_FILE)):
        countries, _ = _sbp_country_rows(raw_dir, relative)
        for number, row in countries:
            name = COUNTRY_NAMES.get(row[0].strip(), row[0].strip())
            for col, (fy, months, complete, revision) in SBP_PERIODS.items():
                thousand = _number(relative, number, SBP_HEADER[1][col] or SBP_HEADER[0][col], row[col])
                if thousand < 0:
                    raise DataError(f"data/raw/{relative}, row {number}, column {col + 1}: negative value {thousand}")
                records.append(
                    {
                        "country": name,
                        "flow": flow,
                        "fiscal_year": fy,
                        "months": months,
                        "complete_fiscal_year": complete,
                        "revision_status": revision,
                        "value_usd_million": thousand / 1000,
                    }
                )
    return pd.DataFrame.from_records(records)


# -- compiled trade figures ---------------------------------------------------------------------------------------------

def _flow_kind(relative: str, row: int, text: str) -> str:
    text = text.lower()
    for prefix, kind in (("exports to", "exports"), ("imports from", "imports"), ("total trade", "total trade")):
        if text.startswith(prefix):
            return kind
    raise DataError(f"data/raw/{relative}, row {row}, field 'flow_from_pakistan_view': '{text}' is not exports/imports/total trade")


def build_trade_spot_values(raw_dir: Path) -> pd.DataFrame:
    relative = TRADE_SPOT_FILE
    cols = ["partner", "reporting_source", "period_type", "period", "flow_from_pakistan_view", "value_as_quoted", "unit",
            "source_url", "source_kind", "note"]
    raw = _read_csv(raw_dir, relative, cols)
    records = []
    previous_url = None
    for number, row in raw.iterrows():
        url = row["source_url"].strip()
        # One row in the compiled file says "(same as previous row)" instead of repeating the URL; resolve it here.
        if url == "(same as previous row)":
            if previous_url is None:
                raise DataError(f"data/raw/{relative}, row {number}, field 'source_url': refers to a previous row, but there is none")
            url = previous_url
        if not url.startswith("http"):
            raise DataError(f"data/raw/{relative}, row {number}, field 'source_url': '{url}' is not a URL")
        previous_url = url
        quoted = row["value_as_quoted"].strip()
        value = _number(relative, number, "value_as_quoted", quoted)
        records.append(
            {
                "partner": row["partner"].strip(),
                "reporting_source": row["reporting_source"].strip(),
                "period_type": row["period_type"].strip(),
                "period": row["period"].strip(),
                "flow": _flow_kind(relative, number, row["flow_from_pakistan_view"]),
                "flow_as_printed": row["flow_from_pakistan_view"].strip(),
                "value_as_quoted": quoted,
                "unit_as_quoted": row["unit"].strip(),
                "value_usd_million": _to_usd_million(relative, number, value, row["unit"]),
                "source_url": url,
                "source_kind": row["source_kind"].strip(),
                "note": row["note"].strip() or None,
            }
        )
    return pd.DataFrame.from_records(records)


def build_exports_to_us_china(raw_dir: Path) -> pd.DataFrame:
    relative = EXPORTS_US_CHINA_FILE
    cols = ["partner", "fiscal_year_jul_jun", "flow_from_pakistan_view", "value_as_quoted", "unit",
            "data_source_named_on_page", "source_url", "page_date", "source_kind", "note"]
    raw = _read_csv(raw_dir, relative, cols)
    records = []
    for number, row in raw.iterrows():
        quoted = row["value_as_quoted"].strip()
        note = row["note"].strip()
        value = _first_number(relative, number, "value_as_quoted", quoted)
        partner = row["partner"].strip()
        if partner not in ("China", "United States"):
            raise DataError(f"data/raw/{relative}, row {number}, field 'partner': '{partner}' is not China or United States")
        records.append(
            {
                "partner": partner,
                "fiscal_year": row["fiscal_year_jul_jun"].strip(),
                "value_usd_million": _to_usd_million(relative, number, value, row["unit"]),
                "lower_bound": quoted.lower().startswith("more than"),
                "doubtful": note.upper().startswith("DOUBTFUL"),
                "value_as_quoted": quoted,
                "unit_as_quoted": row["unit"].strip(),
                "data_source_named_on_page": row["data_source_named_on_page"].strip(),
                "source_url": row["source_url"].strip(),
                "page_date": row["page_date"].strip(),
                "source_kind": row["source_kind"].strip(),
                "note": note or None,
            }
        )
    return pd.DataFrame.from_records(records)


# -- remittances --------------------------------------------------------------------------------------------------------

REMITTANCE_SOURCES = {
    "total": "All countries (total)",
    "saudiArabia": "Saudi Arabia",
    "uae": "United Arab Emirates",
    "uk": "United Kingdom",
    "usa": "United States",
    "otherGcc": "Other GCC countries",
    "eu": "European Union",
}


def build_remittances_by_country(raw_dir: Path) -> pd.DataFrame:
    relative = REMITTANCES_MONTHLY_FILE
    raw = _read_csv(raw_dir, relative, ["date", *REMITTANCE_SOURCES])
    records = []
    for number, row in raw.iterrows():
        month = row["date"].strip()
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise DataError(f"data/raw/{relative}, row {number}, field 'date': '{month}' is not a month YYYY-MM")
        for column, name in REMITTANCE_SOURCES.items():
            value = _number(relative, number, column, row[column])
            if value < 0:
                raise DataError(f"data/raw/{relative}, row {number}, field '{column}': negative remittances {value}")
            records.append(
                {"month": month, "fiscal_year": fiscal_year_of_month(month), "source_country": name, "value_usd_million": value}
            )
    return pd.DataFrame.from_records(records)


def _open_numbers_series(raw_dir: Path, relative: str, value_column: str) -> pd.DataFrame:
    raw = _read_csv(raw_dir, relative, ["economy", "year", value_column])
    records = []
    for number, row in raw.iterrows():
        if row["economy"] != "pak":
            raise DataError(f"data/raw/{relative}, row {number}, field 'economy': '{row['economy']}' is not 'pak'")
        year = int(_number(relative, number, "year", row["year"]))
        records.append({"year": year, "value_usd": _number(relative, number, value_column, row[value_column])})
    return pd.DataFrame.from_records(records)


def build_remittances_total(raw_dir: Path) -> pd.DataFrame:
    return _open_numbers_series(raw_dir, REMITTANCES_WDI_FILE, "bx_trf_pwkr_cd_dt")


def build_imf_credit(raw_dir: Path) -> pd.DataFrame:
    return _open_numbers_series(raw_dir, IMF_CREDIT_FILE, "dt_dod_dimf_cd")


# -- debt ---------------------------------------------------------------------------------------------------------------

def build_debt_service_by_creditor(raw_dir: Path) -> pd.DataFrame:
    relative = DEBT_SERVICE_FILE
    raw = _read_csv(raw_dir, relative, ["debtor_name", "year", "creditor_name", "interest", "principal"])
    records = []
    for number, row in raw.iterrows():
        if row["debtor_name"] != "Pakistan":
            raise DataError(f"data/raw/{relative}, row {number}, field 'debtor_name': '{row['debtor_name']}' is not Pakistan")
        year = int(_number(relative, number, "year", row["year"]))
        interest = _number(relative, number, "interest", row["interest"], allow_empty=True)
        principal = _number(relative, number, "principal", row["principal"], allow_empty=True)
        records.append(
            {
                "year": year,
                # ONE pads some creditor names with spaces ("World Bank-IDA   "); the padding carries no meaning.
                "creditor": row["creditor_name"].strip(),
                "interest_usd": interest,
                "principal_usd": principal,
                "projection": year > LAST_ACTUAL_DEBT_YEAR,
            }
        )
    return pd.DataFrame.from_records(records)


def build_external_debt_china_share(raw_dir: Path) -> pd.DataFrame:
    records = []
    relative = CHINA_SHARE_FILE
    cols = ["estimate_by", "publication", "as_of", "china_share_pct_as_quoted", "china_debt_as_quoted",
            "total_debt_as_quoted", "what_is_counted", "reported_by", "source_url", "note"]
    raw = _read_csv(raw_dir, relative, cols)
    for number, row in raw.iterrows():
        quoted = row["china_share_pct_as_quoted"].strip()
        records.append(
            {
                "estimate_by": row["estimate_by"].strip(),
                "publication": row["publication"].strip(),
                "as_of": row["as_of"].strip(),
                "china_share_pct": _first_number(relative, number, "china_share_pct_as_quoted", quoted),
                "approximate": quoted.lower().startswith(("about", "nearly")),
                "share_as_quoted": quoted + "%",
                "china_debt_as_quoted": row["china_debt_as_quoted"].strip() or None,
                "total_debt_as_quoted": row["total_debt_as_quoted"].strip() or None,
                "what_is_counted": row["what_is_counted"].strip(),
                "reported_by": row["reported_by"].strip(),
                "source_url": row["source_url"].strip(),
                "note": row["note"].strip() or None,
            }
        )
    # The debt snapshot file quotes one more share: "nearly 18%" of total foreign loans (IMF, July 2019, via Samaa).
    relative = DEBT_SPOT_FILE
    cols = ["creditor_or_group", "measure", "value_as_quoted", "unit", "as_of", "source_url", "source_kind", "note"]
    raw = _read_csv(raw_dir, relative, cols)
    shares = raw[(raw["creditor_or_group"] == "China") & (raw["measure"].str.startswith("share"))]
    if len(shares) != 1:
        raise DataError(f"data/raw/{relative}: expected one row with China's share of foreign loans, found {len(shares)}")
    for number, row in shares.iterrows():
        if row["unit"] != "percent":
            raise DataError(f"data/raw/{relative}, row {number}, field 'unit': '{row['unit']}' is not 'percent'")
        quoted = row["value_as_quoted"].strip()
        records.append(
            {
                "estimate_by": "IMF",
                "publication": "IMF report of July 2019, as shown in a Samaa infographic",
                "as_of": row["as_of"].strip(),
                "china_share_pct": _first_number(relative, number, "value_as_quoted", quoted),
                "approximate": quoted.lower().startswith(("about", "nearly")),
                "share_as_quoted": quoted + "%",
                "china_debt_as_quoted": None,
                "total_debt_as_quoted": "85.5 billion USD",
                "what_is_counted": "China's share of Pakistan's total foreign loans",
                "reported_by": "Samaa TV",
                "source_url": row["source_url"].strip(),
                "note": row["note"].strip() or None,
            }
        )
    return pd.DataFrame.from_records(records)


# -- context ------------------------------------------------------------------------------------------------------------

def _datahub_series(raw_dir: Path, relative: str) -> pd.DataFrame:
    raw = _read_csv(raw_dir, relative, ["Country Name", "Country Code", "Year", "Value"])
    records = []
    for number, row in raw.iterrows():
        if row["Country Code"] != "PAK":
            raise DataError(f"data/raw/{relative}, row {number}, field 'Country Code': '{row['Country Code']}' is not PAK")
        records.append({"year": int(_number(relative, number, "Year", row["Year"])), "value": _number(relative, number, "Value", row["Value"])})
    return pd.DataFrame.from_records(records)


def build_gdp(raw_dir: Path) -> pd.DataFrame:
    return _datahub_series(raw_dir, GDP_FILE).rename(columns={"value": "gdp_usd"})


def build_population(raw_dir: Path) -> pd.DataFrame:
    frame = _datahub_series(raw_dir, POPULATION_FILE).rename(columns={"value": "population"})
    frame["population"] = frame["population"].round().astype("int64")
    return frame


# -- declarations -------------------------------------------------------------------------------------------------------

FY_FIELD = Field("fiscal_year", "string", "Pakistan's fiscal year, July to June (FY2024-25 = July 2024 to June 2025)",
                 pattern=FISCAL_YEAR_PATTERN)
URL_PATTERN = r"https?://\S+"

TABLES = [
    Table(
        name="trade_by_country",
        title="Pakistan's export receipts and import payments by country, FY2023-24 to FY2025-26 (July–March)",
        description=(
            "The State Bank of Pakistan's banking-channel export receipts and import payments for every partner country: "
            "the whole fiscal years FY2023-24 and FY2024-25, and July–March of FY2024-25 and FY2025-26 so the part year "
            "can be compared with the same months a year earlier."
        ),
        raw=(EXPORTS_FILE, IMPORTS_FILE),
        sources=(
            Source("State Bank of Pakistan, Export Receipts by All Countries; Import Payments by All Countries", SBP_ECODATA,
                   "files saved by SBP in April 2026, via GitHub FarrukhMasud/pakistaneconomydashboard, commit 15a0bdc"),
        ),
        licenses=(SBP_LICENSE,),
        provenance=PUBLISHER_FILE,
        caveats=(
            "Banking-channel receipts and payments (balance-of-payments basis), not customs (PBS) data; values differ "
            "from customs figures and from partners' own records such as China's customs or the U.S. Census Bureau.",
            "Fiscal years run July–June. FY2025-26 covers July–March only and is provisional; FY2024-25 is revised.",
            "Hong Kong is a separate row from China. SBP's three single-month columns are left out.",
            "The sum of the country rows equals SBP's own 'through banks' total for each period; freight and 'other' "
            "items in SBP's balance-of-payments total are not allocated to countries.",
        ),
        fields=(
            Field("country", "string", "partner country as named by SBP (U. S. A. and U. K. written United States and United Kingdom; the UAE is split by emirate)"),
            Field("flow", "string", "exports (receipts from the partner) or imports (payments to the partner)", enum=("exports", "imports")),
            FY_FIELD,
            Field("months", "string", "months of the fiscal year covered", enum=("Jul-Jun", "Jul-Mar")),
            Field("complete_fiscal_year", "boolean", "true when the period is the whole July–June fiscal year"),
            Field("revision_status", "string", "SBP's flag: revised, provisional, or empty", required=False, enum=("revised", "provisional")),
            Field("value_usd_million", "number", "value in millions of US dollars (SBP publishes thousands)", unit="US$ million (nominal)", minimum=0),
        ),
        build=build_trade_by_country,
        primary_key=("country", "flow", "fiscal_year", "months"),
        coverage="FY2023-24, FY2024-25, July–March FY2024-25 and FY2025-26",
    ),
    Table(
        name="trade_spot_values",
        title="Single-year figures for Pakistan's goods trade with China and the United States, as quoted by different agencies",
        description=(
            "Figures quoted on published pages from China's customs (calendar years), the State Bank of Pakistan "
            "(fiscal years), the US Trade Representative (calendar 2018) and a reference site (calendar 2000). Each row "
            "keeps its own source; the rows are not a series and must not be joined into one."
        ),
        raw=(TRADE_SPOT_FILE,),
        sources=(
            Source("Compiled from news and reference pages quoting China customs (GACC), SBP and USTR", "https://www.sbp.org.pk/ecodata/index2.asp",
                   "the URL of every figure is in the source_url column"),
        ),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "Mixes reporters (China customs, SBP, USTR), periods (calendar vs July–June fiscal years) and concepts; some "
            "news items describe 'goods and services'.",
            "Two sources disagree on calendar-2000 imports from the USA (667 m vs 'more than 646.5 m'); see the note column.",
            "Values as quoted (rounded); value_usd_million converts billions to millions and adds nothing else.",
        ),
        fields=(
            Field("partner", "string", "partner country", enum=("China", "United States")),
            Field("reporting_source", "string", "agency whose figure the page quotes"),
            Field("period_type", "string", "calendar year or Pakistan's July–June fiscal year"),
            Field("period", "string", "year (calendar) or FYyyyy-yy (fiscal)", pattern=r"\d{4}|FY\d{4}-\d{2}"),
            Field("flow", "string", "direction from Pakistan's point of view", enum=("exports", "imports", "total trade")),
            Field("flow_as_printed", "string", "the flow as the compiled file words it"),
            Field("value_as_quoted", "string", "the number as printed on the page"),
            Field("unit_as_quoted", "string", "unit as printed", enum=("million USD", "billion USD")),
            Field("value_usd_million", "number", "the quoted value in millions of US dollars", unit="US$ million (nominal)", minimum=0),
            Field("source_url", "string", "page quoting the figure", pattern=URL_PATTERN),
            Field("source_kind", "string", "what kind of page it is"),
            Field("note", "string", "remarks from the compiler", required=False),
        ),
        build=build_trade_spot_values,
        primary_key=("partner", "reporting_source", "period", "flow"),
        coverage="calendar 2000–2021 and FY2020-21 to FY2023-24 (single years)",
    ),
    Table(
        name="exports_to_us_china",
        title="Pakistan's exports to the United States and China by fiscal year, as quoted on published pages",
        description=(
            "Full-fiscal-year (July–June) export values to the USA and to China quoted on archived pages (APP, The Nation, "
            "Profit, TDAP and others), each with the page and the data source it names (SBP, PBS or TDAP). Compiled "
            "single values with gaps, not a published series."
        ),
        raw=(EXPORTS_US_CHINA_FILE,),
        sources=(
            Source("Compiled from pages quoting SBP, PBS and TDAP figures", "https://www.sbp.org.pk/ecodata/index2.asp",
                   "the URL of every figure is in the source_url column"),
        ),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "Exports only; no full-year import values by partner were found for most years.",
            "Mixed publishers: SBP (banking-channel receipts) and PBS (customs) figures differ slightly, and values are revised later.",
            "FY2014-15 China (3.16 bn, one Urdu news page citing PBS) is doubtful: far above every neighbouring year and not "
            "confirmed elsewhere. It is kept with doubtful = true and left out of the course's charts.",
            "FY2012-13 China is a lower bound ('more than 2.17 bn').",
        ),
        fields=(
            Field("partner", "string", "destination of the exports", enum=("China", "United States")),
            FY_FIELD,
            Field("value_usd_million", "number", "value in millions of US dollars (billions converted)", unit="US$ million (nominal)", minimum=0),
            Field("lower_bound", "boolean", "true when the page gives only a lower bound ('more than')"),
            Field("doubtful", "boolean", "true when the compiler flags the figure as doubtful"),
            Field("value_as_quoted", "string", "the number as printed (Urdu amounts keep their reading)"),
            Field("unit_as_quoted", "string", "unit as printed", enum=("million USD", "billion USD")),
            Field("data_source_named_on_page", "string", "the statistics the page says it uses"),
            Field("source_url", "string", "page quoting the figure", pattern=URL_PATTERN),
            Field("page_date", "string", "date of the page as printed"),
            Field("source_kind", "string", "what kind of page it is"),
            Field("note", "string", "remarks from the compiler", required=False),
        ),
        build=build_exports_to_us_china,
        primary_key=("partner", "fiscal_year"),
        coverage="FY2006-07 to FY2023-24, with gaps",
    ),
    Table(
        name="remittances_by_country",
        title="Workers' remittances to Pakistan by source country, monthly, August 2021 to July 2026",
        description=(
            "Monthly workers' remittances received through banks, in total and from Saudi Arabia, the UAE, the UK, the "
            "USA, other Gulf (GCC) countries and the EU, as published by the State Bank of Pakistan."
        ),
        raw=(REMITTANCES_MONTHLY_FILE,),
        sources=(
            Source("State Bank of Pakistan, Workers' Remittances (EasyData series TS_GP_BOP_WR_M)", "https://easydata.sbp.org.pk",
                   "via GitHub FarrukhMasud/pakistaneconomydashboard, public/api/v1/remittances.csv"),
        ),
        licenses=(SBP_LICENSE,),
        provenance=PROCESSED_COPY,
        caveats=(
            "The copy keeps SBP's latest vintage; SBP revises past months, so press figures from the time differ by about 1%.",
            "China is not a separate source country in SBP's series. The listed countries do not add up to the total; "
            "the rest comes from countries not listed.",
            "FY2021-22 lacks July 2021 and FY2026-27 has only July 2026: sum only the complete fiscal years FY2022-23 to FY2025-26.",
        ),
        fields=(
            Field("month", "string", "calendar month", pattern=r"\d{4}-(0[1-9]|1[0-2])"),
            FY_FIELD,
            Field("source_country", "string", "where the money was sent from", enum=tuple(REMITTANCE_SOURCES.values())),
            Field("value_usd_million", "number", "remittances received in the month", unit="US$ million (nominal)", minimum=0),
        ),
        build=build_remittances_by_country,
        primary_key=("month", "source_country"),
        coverage="August 2021 – July 2026 (monthly)",
    ),
    Table(
        name="remittances_total",
        title="Personal remittances received by Pakistan, 1976–2020 (World Bank)",
        description="World Development Indicators BX.TRF.PWKR.CD.DT, personal remittances received, current US dollars, calendar years.",
        raw=(REMITTANCES_WDI_FILE,),
        sources=(
            Source("World Bank, World Development Indicators: Personal remittances, received (current US$), BX.TRF.PWKR.CD.DT",
                   "https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
                   "via GitHub open-numbers/ddf--world_bank--world_development_indicators, commit 735de1d"),
        ),
        licenses=(CC_BY_4,),
        provenance=PROCESSED_COPY,
        caveats=(
            "This WDI vintage (about 2021) ends in 2020; WDI revises past years.",
            "Calendar years, unlike SBP's July–June fiscal-year totals; personal remittances are a wider concept than SBP's workers' remittances.",
        ),
        fields=(
            Field("year", "year", "calendar year", unique=True, minimum=1960, maximum=2030),
            Field("value_usd", "number", "personal remittances received", unit="US$ (current, nominal)", minimum=0),
        ),
        build=build_remittances_total,
        primary_key=("year",),
        coverage="1976–2020",
    ),
    Table(
        name="debt_service_by_creditor",
        title="Debt service on Pakistan's public and publicly guaranteed external debt, by creditor, 2000–2030",
        description=(
            "Interest and principal paid (2000–2024) and projected (2025–2030) on public and publicly guaranteed "
            "long-term external debt, by creditor, from the World Bank's International Debt Statistics as processed by the ONE Campaign."
        ),
        raw=(DEBT_SERVICE_FILE,),
        sources=(
            Source("World Bank, International Debt Statistics (PPG debt service by creditor)", "https://www.worldbank.org/en/programs/debt-statistics/ids",
                   "via GitHub ONEcampaign/debt_overview, output/chart_4_chart.csv, commit 35a6840"),
        ),
        licenses=(CC_BY_4,),
        provenance=PROCESSED_COPY,
        caveats=(
            "2025–2030 are projections of debt service on debt outstanding at end-2024, not payments (projection = true).",
            "Public and publicly guaranteed long-term debt only: IMF credit, short-term debt and private non-guaranteed debt are not included.",
            "Calendar years, not Pakistan's fiscal years. Current (nominal) US dollars.",
            "'China' is China as a creditor country in IDS; Chinese commercial syndications may sit under 'Multiple Lenders'.",
            "A blank interest or principal means IDS has no value for that component; 'All creditors' is the sum of the others.",
        ),
        fields=(
            Field("year", "year", "calendar year", minimum=2000, maximum=2030),
            Field("creditor", "string", "creditor as named by IDS/ONE ('All creditors' is the total)"),
            Field("interest_usd", "number", "interest paid or projected", unit="US$ (current, nominal)", required=False),
            Field("principal_usd", "number", "principal repaid or projected", unit="US$ (current, nominal)", required=False),
            Field("projection", "boolean", "true for years after 2024: IDS projections, not actual payments"),
        ),
        build=build_debt_service_by_creditor,
        primary_key=("year", "creditor"),
        coverage="2000–2024 actual, 2025–2030 projected",
    ),
    Table(
        name="external_debt_china_share",
        title="Estimates of China's share of Pakistan's external debt",
        description=(
            "Single published estimates of how much of Pakistan's external debt is owed to China, each with who made it, "
            "when, what it counts and the page that reports it. The estimates differ because they count different things."
        ),
        raw=(CHINA_SHARE_FILE, DEBT_SPOT_FILE),
        sources=(
            Source("World Bank, International Debt Report 2024 and 2025 (as reported by Dawn and Profit)", "https://www.dawn.com/news/1876582"),
            Source("IMF staff reports 2019 and 2022 (as reported by Samaa and Newswire)", "https://www.newswire.com.pk/2022/09/04/imf-6/"),
            Source("Chinese consul general Zhao Shiren, 2024 (as reported by Bloomberg via Puls Biznesu)",
                   "https://www.pb.pl/chiny-wyciagnely-pomocna-dlon-do-pakistanu-w-obliczu-kryzysu-zadluzenia-1210756"),
        ),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "Snapshots from secondary reports, not a series: years and definitions differ (public vs total external debt; "
            "with or without Chinese commercial banks and deposits).",
            "Only the World Bank's 22% (end-2023) was confirmed by an independent second source; 13% and 30% were not.",
        ),
        fields=(
            Field("estimate_by", "string", "who made the estimate"),
            Field("publication", "string", "the report or statement"),
            Field("as_of", "string", "the date the estimate refers to"),
            Field("china_share_pct", "number", "China's share as a number", unit="percent", minimum=0, maximum=100),
            Field("approximate", "boolean", "true when quoted as 'about' or 'nearly'"),
            Field("share_as_quoted", "string", "the share as quoted"),
            Field("china_debt_as_quoted", "string", "debt owed to China, where quoted", required=False),
            Field("total_debt_as_quoted", "string", "the total it is a share of, where quoted", required=False),
            Field("what_is_counted", "string", "what the estimate counts"),
            Field("reported_by", "string", "the page that reports it"),
            Field("source_url", "string", "URL of that page", pattern=URL_PATTERN),
            Field("note", "string", "remarks", required=False),
        ),
        build=build_external_debt_china_share,
        primary_key=("estimate_by", "as_of"),
        coverage="2019–2024 (single estimates)",
    ),
    Table(
        name="imf_credit",
        title="Pakistan's use of IMF credit, 1989–2019 (end-year stock)",
        description="World Bank International Debt Statistics DT.DOD.DIMF.CD: use of IMF credit outstanding at the end of each calendar year.",
        raw=(IMF_CREDIT_FILE,),
        sources=(
            Source("World Bank, International Debt Statistics: Use of IMF credit (DOD, current US$), DT.DOD.DIMF.CD",
                   "https://data.worldbank.org/indicator/DT.DOD.DIMF.CD",
                   "via GitHub open-numbers/ddf--world_bank--world_development_indicators, commit 01a174d"),
        ),
        licenses=(CC_BY_4,),
        provenance=PROCESSED_COPY,
        caveats=("Only 1989–2019 were copied; the source also has 1970–1988.", "End-of-year stock in current US dollars; SDR amounts converted by the World Bank."),
        fields=(
            Field("year", "year", "calendar year (end of year)", unique=True, minimum=1960, maximum=2030),
            Field("value_usd", "number", "IMF credit outstanding", unit="US$ (current, nominal)", minimum=0),
        ),
        build=build_imf_credit,
        primary_key=("year",),
        coverage="1989–2019",
    ),
    Table(
        name="gdp",
        title="Pakistan's GDP, 1960–2023 (current US$)",
        description="World Bank World Development Indicators NY.GDP.MKTP.CD, GDP in current US dollars, calendar years.",
        raw=(GDP_FILE,),
        sources=(
            Source("World Bank, World Development Indicators: GDP (current US$), NY.GDP.MKTP.CD", "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
                   "via the Datahub core dataset, GitHub datasets/gdp, commit 1cdcd2e"),
        ),
        licenses=(CC_BY_4, ODC_PDDL),
        provenance=PROCESSED_COPY,
        caveats=(
            "Current (nominal) US dollars: changes mix real growth, inflation and exchange-rate moves.",
            "Reflects Pakistan's rebased national accounts; older printed figures for the same year can differ.",
        ),
        fields=(
            Field("year", "year", "calendar year", unique=True, minimum=1960, maximum=2030),
            Field("gdp_usd", "number", "gross domestic product", unit="US$ (current, nominal)", minimum=0),
        ),
        build=build_gdp,
        primary_key=("year",),
        coverage="1960–2023",
    ),
    Table(
        name="population",
        title="Pakistan's population, 1960–2024 (World Bank mid-year estimates)",
        description="World Bank World Development Indicators SP.POP.TOTL, total population, mid-year estimates.",
        raw=(POPULATION_FILE,),
        sources=(
            Source("World Bank, World Development Indicators: Population, total, SP.POP.TOTL", "https://data.worldbank.org/indicator/SP.POP.TOTL",
                   "via the Datahub core dataset, GitHub datasets/population, commit 425fc44"),
        ),
        licenses=(CC_BY_4, ODC_PDDL),
        provenance=PROCESSED_COPY,
        caveats=(
            "A modelled mid-year estimate: for 2023 it gives 247.5 million, while Pakistan's 2023 census counted 241.5 million "
            "(the census excludes Azad Jammu and Kashmir and Gilgit-Baltistan).",
        ),
        fields=(
            Field("year", "year", "calendar year", unique=True, minimum=1960, maximum=2030),
            Field("population", "integer", "people (mid-year estimate)", unit="persons", minimum=0),
        ),
        build=build_population,
        primary_key=("year",),
        coverage="1960–2024",
    ),
]
