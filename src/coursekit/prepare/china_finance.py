"""Chinese official finance to Pakistan, project by project (AidData), and its yearly summary.

Source file: AidData, *China's Public Diplomacy in South and Central Asia* v1.0 (Custer et al. 2019), companion file
``ChinasFinancialDiplomacyProjectDetails.xlsx``, Pakistan rows. It is AidData's most recent project-level record of
Chinese official finance to Pakistan available to this course (commitment years 2000–2017); it extends AidData's
Global Chinese Official Finance Dataset v1.0 (2000–2014) with the same fields and method.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .spec import DERIVED, ODC_BY, PUBLISHER_FILE, Field, Source, Table
from .us_aid import raw_error

PROJECTS = "china-finance/aiddata_china_financial_diplomacy_pakistan_projects_2000-2017.csv"
FIRST_YEAR, LAST_YEAR = 2000, 2017
CONSTANT_BASE_YEAR = 2017  # AidData's usd_defl_2017

AIDDATA_SOURCE = Source(
    "AidData, China's Public Diplomacy in South and Central Asia, Version 1.0 (Custer, Russell, DiLorenzo, Cheng, "
    "Ghose, Sims, Turner & Desai 2019), financial diplomacy project details, Pakistan",
    "https://www.aiddata.org/data/chinas-public-diplomacy-in-south-and-central-asia",
    "file ChinasFinancialDiplomacyProjectDetails.xlsx from ChinasPublicDiplomacyinSouthandCentralAsia_v1.0.zip in "
    "AidData's GitHub repository AidData-WM/public_datasets (commit afaf88b), converted to CSV; rows with "
    "recipient_condensed = Pakistan",
)

# AidData's 'flow' (the OECD flow type) grouped into what a reader needs first: does it have to be repaid?
FLOW_TYPES = {
    "Loan (excluding debt rescheduling)": "loan",
    "Export credits": "loan",
    "Strategic/Supplier Credit": "loan",
    "Grant": "grant",
    "Free-standing technical assistance": "grant",
    "Scholarships/training in the donor country": "grant",
    "Vague TBD": "other",
}
FLOW_CLASSES = ("ODA-like", "OOF-like", "Vague (Official Finance)")
STATUSES = ("Pipeline: Commitment", "Implementation", "Completion", "Pipeline: Pledge", "Cancelled", "Suspended")

PROJECT_COLUMNS = {
    "project_id": "project_id",
    "title": "title",
    "year": "commitment_year",
    "year_uncertain": "year_uncertain",
    "flow": "flow",
    "flow_class": "flow_class",
    "crs_sector_name": "sector",
    "crs_sector_code": "sector_code",
    "intent": "intent",
    "status": "status",
    "usd_current": "amount_usd_nominal",
    "usd_defl_2017": "amount_usd_constant_2017",
    "recommended_for_research": "recommended_for_research",
    "funding_agency": "funding_agency",
}


def _boolean(path: Path, raw: pd.DataFrame, column: str) -> pd.Series:
    values = raw[column].str.strip().str.lower().map({"true": True, "false": False})
    if values.isna().any():
        index = values.isna().idxmax()
        raise raw_error(path, int(index) + 2, f"{column} is {raw.at[index, column]!r}, expected True or False")
    return values.astype(bool)


def build_china_finance_projects(raw_dir: Path) -> pd.DataFrame:
    path = Path(raw_dir) / PROJECTS
    if not path.exists():
        raise raw_error(path, None, "file not found; copy it from the AidData release into data/raw/")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw.columns = [c.strip() for c in raw.columns]  # the release has a trailing space in 'SCA_Sector '
    missing = [c for c in PROJECT_COLUMNS if c not in raw.columns]
    if missing:
        raise raw_error(path, 1, f"missing columns {missing}")
    wrong_recipient = raw["recipient_condensed"] != "Pakistan"
    if wrong_recipient.any():
        index = wrong_recipient.idxmax()
        raise raw_error(path, int(index) + 2, f"recipient_condensed is {raw.at[index, 'recipient_condensed']!r}, not Pakistan")

    out = raw[list(PROJECT_COLUMNS)].rename(columns=PROJECT_COLUMNS).copy()
    for column in ("project_id", "commitment_year", "sector_code"):
        numbers = pd.to_numeric(out[column], errors="coerce")
        if numbers.isna().any() or (numbers % 1 != 0).any():
            index = (numbers.isna() | (numbers % 1 != 0)).idxmax()
            raise raw_error(path, int(index) + 2, f"{column} is {out.at[index, column]!r}, not a whole number")
        out[column] = numbers.astype("int64")
    for column in ("amount_usd_nominal", "amount_usd_constant_2017"):
        text = out[column].str.strip()
        numbers = pd.to_numeric(text, errors="coerce")
        bad = numbers.isna() & (text != "")
        if bad.any():
            index = bad.idxmax()
            raise raw_error(path, int(index) + 2, f"{column} is {out.at[index, column]!r}, not a number")
        if (numbers < 0).any():
            index = (numbers < 0).idxmax()
            raise raw_error(path, int(index) + 2, f"{column} is negative ({numbers[index]})")
        out[column] = numbers.round(2)
    for column in ("recommended_for_research", "year_uncertain"):
        out[column] = _boolean(path, raw, column)

    unknown_flow = ~out["flow"].isin(FLOW_TYPES)
    if unknown_flow.any():
        index = unknown_flow.idxmax()
        raise raw_error(path, int(index) + 2, f"flow {out.at[index, 'flow']!r} is not one of {sorted(FLOW_TYPES)}")
    out.insert(out.columns.get_loc("flow"), "flow_type", out["flow"].map(FLOW_TYPES))
    for column, allowed in (("flow_class", FLOW_CLASSES), ("status", STATUSES)):
        bad = ~out[column].isin(allowed)
        if bad.any():
            index = bad.idxmax()
            raise raw_error(path, int(index) + 2, f"{column} is {out.at[index, column]!r}, not one of {list(allowed)}")
    out["funding_agency"] = out["funding_agency"].replace("", pd.NA)
    duplicated = out["project_id"].duplicated()
    if duplicated.any():
        raise raw_error(path, int(duplicated.idxmax()) + 2, f"project_id {out.at[duplicated.idxmax(), 'project_id']} appears twice")
    return out.sort_values(["commitment_year", "project_id"]).reset_index(drop=True)


def summarise_by_year(projects: pd.DataFrame) -> pd.DataFrame:
    """Recommended-for-research projects summed by commitment year × flow type × sector.

    AidData advises summing only rows flagged recommended_for_research (the others are umbrella agreements, pledges
    and duplicates that would double-count). Projects without an amount are counted, not valued.
    """
    recommended = projects[projects["recommended_for_research"].astype(bool)]
    keys = ["commitment_year", "flow_type", "sector"]
    grouped = recommended.groupby(keys, sort=True)
    out = pd.DataFrame(
        {
            "projects": grouped.size(),
            "projects_with_amount": grouped["amount_usd_nominal"].count(),
            "amount_usd_nominal": grouped["amount_usd_nominal"].sum(min_count=1),
            "amount_usd_constant_2017": grouped["amount_usd_constant_2017"].sum(min_count=1),
        }
    ).reset_index()
    out["projects_with_amount"] = out["projects_with_amount"].astype("int64")
    for column in ("amount_usd_nominal", "amount_usd_constant_2017"):
        out[column] = out[column].round(2)
    return out


def build_china_finance_by_year(raw_dir: Path) -> pd.DataFrame:
    return summarise_by_year(build_china_finance_projects(raw_dir))


AMOUNT_CAVEATS = (
    "Amounts are commitments (what was agreed or pledged in the commitment year), not disbursements, and not debt "
    "outstanding.",
    "Loans (including export and supplier credits) must be repaid; grants need not. 'ODA-like' flows are concessional "
    "and development-oriented, 'OOF-like' flows are other official flows (commercial or less concessional terms), and "
    "'Vague' means AidData could not tell. None of this is 'aid' in the OECD sense unless it is ODA-like.",
    f"amount_usd_nominal is AidData's usd_current (US$ of the commitment year); amount_usd_constant_2017 is AidData's "
    f"usd_defl_2017 (constant {CONSTANT_BASE_YEAR} US$, AidData's own deflators). In {CONSTANT_BASE_YEAR} the two are equal.",
)

TABLES = [
    Table(
        name="china_finance_projects",
        title="Chinese official finance to Pakistan, project by project, 2000–2017 (AidData)",
        description=(
            "Every project of Chinese government (official) finance to Pakistan recorded by AidData for commitment years "
            "2000–2017: loans, export credits, grants, technical assistance and scholarships, with flow class (ODA-like, "
            "OOF-like, vague), sector, status and committed amount in nominal and constant 2017 US dollars."
        ),
        raw=(PROJECTS,),
        sources=(AIDDATA_SOURCE,),
        licenses=(ODC_BY,),
        provenance=PUBLISHER_FILE,
        caveats=(
            *AMOUNT_CAVEATS,
            "AidData builds the record from media reports, official statements and other open sources; it is a careful "
            "estimate of what was announced, not an audited ledger. 41 of 192 projects have no amount at all; one more "
            "(project 43230, 2001) has a constant-2017 amount but no nominal one.",
            "This release keeps only projects AidData recommends for research (recommended_for_research is true in every "
            "row) and leaves out 'Representational' projects (embassy and ceremonial spending).",
            "flow_type groups AidData's flow: loan = loans, export credits and supplier credits; grant = grants, "
            "free-standing technical assistance and scholarships; other = 'Vague TBD'.",
            "year_uncertain marks projects whose commitment year AidData could not pin down.",
            "AidData's later Global Chinese Development Finance dataset (v3.0, 2000–2021) covers more years and records "
            "more projects for Pakistan; it was not available to this course.",
        ),
        fields=(
            Field("project_id", "integer", "AidData project id", unique=True),
            Field("title", "string", "Project title as AidData gives it"),
            Field("commitment_year", "year", "Year of the commitment", minimum=FIRST_YEAR, maximum=LAST_YEAR),
            Field("year_uncertain", "boolean", "AidData is unsure of the commitment year"),
            Field("flow_type", "string", "Loan, grant or other (grouping of flow, see caveats)", enum=("loan", "grant", "other")),
            Field("flow", "string", "AidData flow type (OECD categories)", enum=tuple(FLOW_TYPES)),
            Field("flow_class", "string", "AidData flow class", enum=FLOW_CLASSES),
            Field("sector", "string", "OECD CRS sector name as AidData assigns it"),
            Field("sector_code", "integer", "OECD CRS sector code"),
            Field("intent", "string", "AidData intent (Development, Commercial, Mixed, ...)"),
            Field("status", "string", "Project status when the data were collected", enum=STATUSES),
            Field("amount_usd_nominal", "number", "Committed amount", unit="US$ (nominal)", required=False, minimum=0),
            Field("amount_usd_constant_2017", "number", "Committed amount", unit="US$ (constant 2017)", required=False, minimum=0),
            Field("recommended_for_research", "boolean", "AidData recommends the row for analysis (not an umbrella, pledge or duplicate)"),
            Field("funding_agency", "string", "Chinese institution providing the finance", required=False),
        ),
        build=build_china_finance_projects,
        primary_key=("project_id",),
        coverage="commitment years 2000–2017",
    ),
    Table(
        name="china_finance_by_year",
        title="Chinese official finance commitments to Pakistan by year, flow type and sector, 2000–2017 (from AidData)",
        description=(
            "The recommended-for-research projects of china_finance_projects summed by commitment year, flow type (loan, "
            "grant, other) and sector, in nominal and constant 2017 US dollars, with the number of projects and how "
            "many of them have an amount. Combinations with no project are absent (not zero)."
        ),
        raw=("china_finance_projects.csv",),
        sources=(AIDDATA_SOURCE,),
        licenses=(ODC_BY,),
        provenance=DERIVED,
        caveats=(
            *AMOUNT_CAVEATS,
            "Projects with no amount count in 'projects' but add nothing to the sums: totals are lower bounds.",
            "An amount is empty when none of the group's projects has one.",
        ),
        fields=(
            Field("commitment_year", "year", "Year of the commitment", minimum=FIRST_YEAR, maximum=LAST_YEAR),
            Field("flow_type", "string", "Loan, grant or other", enum=("loan", "grant", "other")),
            Field("sector", "string", "OECD CRS sector name"),
            Field("projects", "integer", "Number of projects", minimum=1),
            Field("projects_with_amount", "integer", "Number of those projects with a nominal committed amount", minimum=0),
            Field("amount_usd_nominal", "number", "Sum of committed amounts", unit="US$ (nominal)", required=False, minimum=0),
            Field("amount_usd_constant_2017", "number", "Sum of committed amounts", unit="US$ (constant 2017)", required=False, minimum=0),
        ),
        build=build_china_finance_by_year,
        primary_key=("commitment_year", "flow_type", "sector"),
        coverage="commitment years 2000–2017",
    ),
]

