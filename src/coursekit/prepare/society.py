"""Opinion, students and soft-power tables: Pew figures, IIE student counts, AidData's Chinese public diplomacy."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data import DataError
from .economy import URL_PATTERN, _number, _read_csv
from .spec import CITED_PAGES, COMPILED, ODC_BY, PUBLISHER_FILE, Field, Source, Table

TOPIC = "Opinion, students and soft power"

PEW_FILE = "opinion/pew_pakistan_favourability_us_china_COMPILED.csv"
STUDENTS_FILE = "education/pakistani_students_us_china_COMPILED.csv"
DIPLOMACY_FILE = "opinion/aiddata_china_public_diplomacy_pakistan_2000-2018.csv"

# Pew's Global Attitudes surveys began in 2002; an earlier figure can only come from another survey (the 2000 one is
# a U.S. State Department survey that Pew's trend tables reuse).
FIRST_PEW_SURVEY_YEAR = 2002



def build_pew_favourability(raw_dir: Path) -> pd.DataFrame:
    relative = PEW_FILE
    raw = _read_csv(raw_dir, relative, ["survey_year", "country_rated", "measure", "percent", "source_url", "source_kind", "note"])
    records = []
    for number, row in raw.iterrows():
        year = int(_number(relative, number, "survey_year", row["survey_year"]))
        measure = row["measure"].strip().lower()
        if measure not in ("favourable", "unfavourable"):
            raise DataError(f"data/raw/{relative}, row {number}, field 'measure': '{row['measure']}' is not favourable/unfavourable")
        note = row["note"].strip()
        survey = "U.S. State Department survey" if "State Department" in note else "Pew Global Attitudes survey"
        if survey.startswith("Pew") and year < FIRST_PEW_SURVEY_YEAR:
            raise DataError(f"data/raw/{relative}, row {number}, field 'survey_year': {year} is before Pew's first Global Attitudes survey ({FIRST_PEW_SURVEY_YEAR})")
        records.append(
            {
                "survey_year": year,
                "country_rated": row["country_rated"].strip(),
                "measure": measure,
                "percent": _number(relative, number, "percent", row["percent"]),
                # Pew's trend tables take 2000 from a State Department survey; the compiled note says so.
                "survey": survey,
                "source_url": row["source_url"].strip(),
                "source_kind": row["source_kind"].strip(),
                "note": note or None,
            }
        )
    return pd.DataFrame.from_records(records)


def build_students(raw_dir: Path) -> pd.DataFrame:
    relative = STUDENTS_FILE
    raw = _read_csv(raw_dir, relative, ["academic_year", "host", "measure", "value", "unit", "source_url", "source_kind", "note"])
    records = []
    for number, row in raw.iterrows():
        period = row["academic_year"].strip()
        match = re.fullmatch(r"(\d{4})(?:/(\d{2}))?", period)
        if not match:
            raise DataError(f"data/raw/{relative}, row {number}, field 'academic_year': '{period}' is not YYYY or YYYY/YY")
        unit = row["unit"].strip()
        records.append(
            {
                "period": period,
                "start_year": int(match.group(1)),
                "host": row["host"].strip(),
                "measure": row["measure"].strip(),
                "students": int(_number(relative, number, "value", row["value"])),
                "approximate": "approx" in unit,
                "source_url": row["source_url"].strip(),
                "source_kind": row["source_kind"].strip(),
                "note": row["note"].strip() or None,
            }
        )
    return pd.DataFrame.from_records(records)


# AidData column -> (course column, description). Column names with spaces are made snake_case; nothing else changes.
DIPLOMACY_COLUMNS = {
    "confucius_inst_cum": ("confucius_institutes_cumulative", "Confucius Institutes open (cumulative)"),
    "confucius_inst_new": ("confucius_institutes_new", "Confucius Institutes opened that year"),
    "confucius_classrooms_cum": ("confucius_classrooms_cumulative", "Confucius Classrooms open (cumulative)"),
    "confucius_classrooms_new": ("confucius_classrooms_new", "Confucius Classrooms opened that year"),
    "cultural_events": ("cultural_events", "Chinese cultural events"),
    "friendship_year": ("friendship_year", "1 if the year was declared a friendship year"),
    "sister_cities_cum": ("sister_cities_cumulative", "sister-city pairs (cumulative)"),
    "sister_cities_new": ("sister_cities_new", "sister-city pairs added that year"),
    "international_students": ("pakistani_students_in_china", "Pakistani students in China"),
    "scholarships": ("chinese_government_scholarships", "Chinese government scholarships for Pakistanis"),
    "govt_political_visits": ("official_political_visits", "visits by Chinese political officials"),
    "govt_party_visits": ("party_visits", "visits by Communist Party officials"),
    "govt_other govt_visits": ("other_government_visits", "other government visits"),
    "mil_senior level meetings": ("military_senior_meetings", "senior-level military meetings"),
    "mil_joint mil ex": ("joint_military_exercises", "joint military exercises"),
    "mil_naval port calls": ("naval_port_calls", "naval port calls"),
    "interviews_foreign_media": ("interviews_in_foreign_media", "interviews given by Chinese officials to Pakistani media"),
    "heads_of_state_oped": ("head_of_state_op_eds", "op-eds by the Chinese head of state"),
    "journ_visits_in": ("journalist_visits_to_china", "visits to China by Pakistani journalists"),
    "pressbriefings": ("press_briefings", "press briefings mentioning Pakistan"),
}
FINANCE_COLUMNS = {
    "humanitarian_assistance": "humanitarian assistance",
    "budget_support": "budget support",
    "debt_relief": "debt relief",
    "improvement_infra": "improvement of existing infrastructure",
    "new_infra": "new infrastructure",
    "provision_goods": "provision of goods",
    "total_fd": "total financial diplomacy",
}


def build_china_public_diplomacy(raw_dir: Path) -> pd.DataFrame:
    relative = DIPLOMACY_FILE
    raw = _read_csv(raw_dir, relative, ["year", "receiving_country", *DIPLOMACY_COLUMNS, *FINANCE_COLUMNS])
    records = []
    for number, row in raw.iterrows():
        if row["receiving_country"] != "Pakistan":
            raise DataError(f"data/raw/{relative}, row {number}, field 'receiving_country': '{row['receiving_country']}' is not Pakistan")
        record = {"year": int(_number(relative, number, "year", row["year"]))}
        for column, (name, _) in DIPLOMACY_COLUMNS.items():
            value = _number(relative, number, column, row[column], allow_empty=True)
            if value is not None and (value < 0 or not float(value).is_integer()):
                raise DataError(f"data/raw/{relative}, row {number}, field '{column}': {value} is not a count")
            record[name] = None if value is None else int(value)
        for column in FINANCE_COLUMNS:
            record[f"{column}_usd"] = _number(relative, number, column, row[column], allow_empty=True)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    for _, (name, _) in DIPLOMACY_COLUMNS.items():
        frame[name] = frame[name].astype("Int64")
    return frame


TABLES = [
    Table(
        name="pew_favourability",
        title="Pakistani views of the United States and China: Pew figures by year (compiled)",
        description=(
            "Percent of Pakistani adults with a favourable (or, in one row, unfavourable) view of the United States and of "
            "China, as published by the Pew Research Center and quoted on the pages listed, one row per figure."
        ),
        raw=(PEW_FILE,),
        sources=(
            Source("Pew Research Center, Global Attitudes surveys (figures as quoted)", "https://www.pewresearch.org/global/database/",
                   "the URL of every figure is in the source_url column; three rows are from pewresearch.org itself"),
        ),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "Ten figures, not a full series: many survey years are missing for each country. Do not interpolate between them.",
            "The 2000 U.S. figure comes from a U.S. State Department survey that Pew's trend tables reuse.",
            "The 2011 row is the unfavourable share (73%); the favourable share that year is not in this table.",
            "Pew's own Global Indicators Database has the full series and should be used to check these values.",
        ),
        fields=(
            Field("survey_year", "year", "year the survey was fielded (spring)", minimum=2000, maximum=2026),
            Field("country_rated", "string", "the country respondents were asked about", enum=("United States", "China")),
            Field("measure", "string", "favourable or unfavourable view", enum=("favourable", "unfavourable")),
            Field("percent", "number", "share of respondents", unit="percent of adults", minimum=0, maximum=100),
            Field("survey", "string", "which survey the figure comes from"),
            Field("source_url", "string", "page quoting the figure", pattern=URL_PATTERN),
            Field("source_kind", "string", "primary (Pew's own page) or secondary (a report of it)"),
            Field("note", "string", "remarks", required=False),
        ),
        build=build_pew_favourability,
        primary_key=("survey_year", "country_rated", "measure"),
        coverage="2000–2015, with gaps",
    ),
    Table(
        name="students",
        title="Pakistani students in the United States and China (compiled counts)",
        description=(
            "Counts of Pakistani students in the US (IIE Open Doors, academic years) and one rounded count of Pakistani "
            "students in China (2018), each quoted on the page listed. For a longer China series see china_public_diplomacy."
        ),
        raw=(STUDENTS_FILE,),
        sources=(
            Source("Institute of International Education, Open Doors: All Places of Origin (figures as quoted)",
                   "https://opendoorsdata.org/data/international-students/all-places-of-origin/",
                   "the URL of every figure is in the source_url column; none is from opendoorsdata.org itself"),
        ),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "All values come from blogs and news items quoting IIE, not from IIE's own tables; 2019/20 is missing.",
            "The China figure (about 28,000 in 2018) is a rounded number from a blog.",
            "US counts are for academic years (autumn to spring) and include students on Optional Practical Training.",
        ),
        fields=(
            Field("period", "string", "academic year (YYYY/YY) or calendar year", pattern=r"\d{4}(/\d{2})?"),
            Field("start_year", "year", "the calendar year in which the period starts", minimum=1949, maximum=2026),
            Field("host", "string", "host country", enum=("United States", "China")),
            Field("measure", "string", "what is counted"),
            Field("students", "integer", "number of students", unit="students", minimum=0),
            Field("approximate", "boolean", "true when the figure is rounded ('approx.')"),
            Field("source_url", "string", "page quoting the figure", pattern=URL_PATTERN),
            Field("source_kind", "string", "what kind of page it is"),
            Field("note", "string", "remarks", required=False),
        ),
        build=build_students,
        primary_key=("period", "host"),
        coverage="2017/18–2022/23 (US); 2018 (China)",
    ),
    Table(
        name="china_public_diplomacy",
        title="China's public diplomacy in Pakistan, 2000–2018 (AidData)",
        description=(
            "Yearly counts of the tools of Chinese public diplomacy in Pakistan — Confucius Institutes and Classrooms, "
            "sister cities, Pakistani students in China, scholarships, official and military visits — and the US dollar "
            "value of Chinese financial diplomacy, from AidData's China's Public Diplomacy in South and Central Asia."
        ),
        raw=(DIPLOMACY_FILE,),
        sources=(
            Source("AidData, China's Public Diplomacy in South and Central Asia v1.0 (Custer et al. 2019, Silk Road Diplomacy)",
                   "https://www.aiddata.org/datasets",
                   "sheet ChinasPubDipinSCA, via GitHub AidData-WM/public_datasets, commit afaf88b"),
        ),
        licenses=(ODC_BY,),
        provenance=PUBLISHER_FILE,
        caveats=(
            "Coverage varies by variable (for example Confucius Institutes from 2004, students 2002–2017); an empty cell "
            "means no data, not zero.",
            "Financial diplomacy amounts are AidData's US dollar values (see the dataset's codebook for the price base); they "
            "count official finance committed, not aid disbursed.",
            "Column names with spaces were rewritten in snake_case; values are unchanged.",
        ),
        fields=(
            Field("year", "year", "calendar year", unique=True, minimum=2000, maximum=2018),
            *(Field(name, "integer", description, unit="count", required=False, minimum=0) for name, description in DIPLOMACY_COLUMNS.values()),
            *(Field(f"{column}_usd", "number", f"Chinese financial diplomacy: {description}", unit="US$ (AidData)", required=False, minimum=0)
              for column, description in FINANCE_COLUMNS.items()),
        ),
        build=build_china_public_diplomacy,
        primary_key=("year",),
        coverage="2000–2018",
    ),
]
