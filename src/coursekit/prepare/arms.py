"""Arms transfers to Pakistan: SIPRI Trend-Indicator Values (TIV) by supplier and year, 1950–2021.

The table comes from 360info's tidy long copy of SIPRI's exporter tables (all suppliers). While building it, the
China and United States rows are checked year by year against SIPRI's own export tables for those two countries.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .spec import CC_BY_4, PROCESSED_COPY, Field, License, Source, Table
from .us_aid import raw_error

BY_SUPPLIER = "arms/sipri_tiv_to_pakistan_by_supplier_1950-2021.csv"
SIPRI_EXPORT_TABLES = {
    "China": "arms/SIPRI_TIV-Export-CHI-1950-2021.csv",
    "United States": "arms/SIPRI_TIV-Export-USA-1950-2021.csv",
}
FIRST_YEAR, LAST_YEAR = 1950, 2021

SIPRI_LICENSE = License("SIPRI-terms", "SIPRI Arms Transfers Database: free to use with citation", "https://www.sipri.org/databases/armstransfers")
SIPRI_SOURCE = Source(
    "Stockholm International Peace Research Institute (SIPRI), Arms Transfers Database, TIV of arms exports, "
    "1950–2021 (generated 28 July 2022)",
    "https://www.sipri.org/databases/armstransfers",
    "all suppliers: 360info's long copy of SIPRI's exporter tables (GitHub 360-info/report-arms-trade, "
    "data/sipri-exports-processed.csv, commit b850d1e), rows with recipient Pakistan; China and United States "
    "checked against SIPRI's own export tables in the same repository",
)

TIV_EXPLAINED = (
    "SIPRI trend-indicator values (TIV) measure the volume of deliveries of major conventional weapons, priced on the "
    "weapon's production cost and capabilities, not on what the buyer paid. They are not money (not US$), and they "
    "compare suppliers and years, not budgets. Small arms, ammunition and most services are not covered."
)


def _sipri_row(path: Path, recipient: str) -> dict[int, float]:
    """The deliveries to one recipient from a SIPRI 'TIV of arms exports from X' table: {year: TIV millions}."""
    if not path.exists():
        raise raw_error(path, None, "file not found; copy the SIPRI export table into data/raw/arms/")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header_line = next((i for i, r in enumerate(rows) if len(r) > 2 and r[0] == "" and r[1] == str(FIRST_YEAR)), None)
    if header_line is None:
        raise raw_error(path, None, f"no header row of years starting with {FIRST_YEAR}")
    header = rows[header_line]
    line = next((i for i, r in enumerate(rows) if r and r[0] == recipient), None)
    if line is None:
        raise raw_error(path, None, f"no row for {recipient}")
    values = {}
    for year, cell in zip(header[1:], rows[line][1:]):
        if year == "Total" or cell.strip() == "":
            continue
        try:
            values[int(year)] = float(cell)
        except ValueError:
            raise raw_error(path, line + 1, f"year {year}: {cell!r} is not a number") from None
    return values


def build_arms_imports_by_supplier(raw_dir: Path) -> pd.DataFrame:
    path = Path(raw_dir) / BY_SUPPLIER
    if not path.exists():
        raise raw_error(path, None, "file not found")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("supplier", "recipient", "year", "value") if c not in raw.columns]
    if missing:
        raise raw_error(path, 1, f"missing columns {missing}")
    for column in ("year", "value"):
        numbers = pd.to_numeric(raw[column], errors="coerce")
        if numbers.isna().any() or (numbers < 0).any():
            index = (numbers.isna() | (numbers < 0)).idxmax()
            raise raw_error(path, int(index) + 2, f"{column} is {raw.at[index, column]!r}, not a number ≥ 0")
    not_pakistan = raw["recipient"] != "Pakistan"
    if not_pakistan.any():
        raise raw_error(path, int(not_pakistan.idxmax()) + 2, f"recipient is {raw.at[not_pakistan.idxmax(), 'recipient']!r}, not Pakistan")
    out = pd.DataFrame(
        {
            "supplier": raw["supplier"].str.strip(),
            "year": pd.to_numeric(raw["year"]).astype("int64"),
            "tiv_millions": pd.to_numeric(raw["value"]).astype(float),
        }
    )
    duplicated = out.duplicated(["supplier", "year"])
    if duplicated.any():
        raise raw_error(path, int(duplicated.idxmax()) + 2, "a second row for the same supplier and year")
    # The long copy must agree with SIPRI's own tables, year by year, for the two suppliers the course is about.
    for supplier, relpath in SIPRI_EXPORT_TABLES.items():
        sipri = _sipri_row(Path(raw_dir) / relpath, "Pakistan")
        ours = dict(zip(out.loc[out["supplier"] == supplier, "year"], out.loc[out["supplier"] == supplier, "tiv_millions"]))
        if ours != sipri:
            differing = sorted(y for y in set(ours) | set(sipri) if ours.get(y) != sipri.get(y))
            raise raw_error(path, None, f"{supplier} deliveries differ from SIPRI's table {relpath} in years {differing}")
    return out.sort_values(["year", "supplier"]).reset_index(drop=True)


TABLES = [
    Table(
        name="arms_imports_by_supplier",
        title="Major arms delivered to Pakistan by supplier and year, 1950–2021 (SIPRI trend-indicator values)",
        description=(
            "Deliveries of major conventional weapons to Pakistan from each supplying country, by year, in millions of "
            "SIPRI trend-indicator values (TIV). " + TIV_EXPLAINED
        ),
        raw=(BY_SUPPLIER, *SIPRI_EXPORT_TABLES.values()),
        sources=(SIPRI_SOURCE,),
        licenses=(SIPRI_LICENSE, CC_BY_4),
        provenance=PROCESSED_COPY,
        caveats=(
            TIV_EXPLAINED,
            "Only supplier-years with deliveries are listed: a missing row means no recorded delivery. A value of 0 means "
            "deliveries worth less than 0.5 million TIV.",
            "SIPRI revises past values with every release; this extract was generated on 28 July 2022, so shares can differ "
            "by a few points from figures SIPRI publishes later (for example China's share in 2016–20: 71.9% here, 73% in "
            "a later SIPRI release).",
            "Supplier totals over all years differ from the 'Total' column of SIPRI's tables by rounding (China 17,263 here "
            "vs 17,257; USA 8,519 vs 8,514), because SIPRI rounds each year and the total separately.",
            "'Soviet Union' (to 1991) and 'Russia' (from 1992) are separate suppliers, as SIPRI lists them.",
        ),
        fields=(
            Field("supplier", "string", "Supplying country as SIPRI names it"),
            Field("year", "year", "Year of delivery", minimum=FIRST_YEAR, maximum=LAST_YEAR),
            Field("tiv_millions", "number", "Deliveries to Pakistan", unit="SIPRI TIV millions (volume, not US$)", minimum=0),
        ),
        build=build_arms_imports_by_supplier,
        primary_key=("supplier", "year"),
        coverage="1950–2021",
    ),
]
