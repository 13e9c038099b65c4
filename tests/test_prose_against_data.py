"""Numbers quoted in chapter prose and in the quiz banks, recomputed from data/.

Each prose case names a chapter, a phrase as written in its markdown (with "{}" where the numbers go) and a
function that computes those numbers from `coursekit.load`. The test formats the computed numbers into the phrase
and asserts that the chapter contains it, so a change in the data (or an edit of the prose) that makes the two
disagree fails here instead of going unnoticed.

The quiz part recomputes every numeric answer in quizzes/*.yml and checks it within the bank's tolerance, and also
that the stated answer is the computed value rounded to the answer's own precision.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from coursekit import load

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "book" / "chapters"
QUIZZES = ROOT / "quizzes"
BILLION = 1e9


def normalise(text: str) -> str:
    """Markdown as a reader sees it: escaped dollars unescaped, bold markers dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace("\\$", "$").replace("**", ""))


@cache
def chapter_text(stem: str) -> str:
    notebook = nbformat.read(CHAPTERS / f"{stem}.ipynb", as_version=4)
    return normalise("\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown"))


# ---------------------------------------------------------------------------------------------------------------
# Computations from data/ (each returns plain Python numbers)

@cache
def us_aid() -> pd.DataFrame:
    return load("us_aid_by_year").set_index("fiscal_year")


def aid_value(year: int, column: str) -> float:
    return float(us_aid().loc[year, column]) / BILLION


@cache
def arms() -> pd.DataFrame:
    return load("arms_imports_by_supplier")


@cache
def arms_by_year() -> pd.DataFrame:
    return arms().pivot_table(index="year", columns="supplier", values="tiv_millions", aggfunc="sum").fillna(0)


def arms_share(supplier: str, first: int, last: int) -> float:
    window = arms()[arms()["year"].between(first, last)]
    by_supplier = window.groupby("supplier")["tiv_millions"].sum()
    return 100 * float(by_supplier.get(supplier, 0)) / float(by_supplier.sum())


@cache
def china_projects() -> pd.DataFrame:
    return load("china_finance_projects")


def china_committed(first: int = 2000, last: int = 2100) -> float:
    projects = china_projects()
    return float(projects.loc[projects["commitment_year"].between(first, last), "amount_usd_nominal"].sum()) / BILLION


def china_by(column: str, value: str) -> float:
    projects = china_projects()
    return float(projects.loc[projects[column] == value, "amount_usd_nominal"].sum()) / BILLION


@cache
def energy() -> pd.DataFrame:
    return load("cpec_energy_projects")


def energy_mw(fuels: list[str], statuses: list[str]) -> float:
    rows = energy()[energy()["fuel"].isin(fuels) & energy()["status"].isin(statuses)]
    return float(rows["capacity_mw"].sum())


def located_mw(province: str) -> float:
    rows = energy()[energy()["lat"].notna() & (energy()["province"] == province)]
    return float(rows["capacity_mw"].sum())


def klb_appropriated() -> float:
    """CRS 'Total Economic-Related' for FY2010-2014, each year from the latest table printing it as an annual figure."""
    crs = load("us_aid_crs_by_account")
    economic = crs[
        (crs["program_or_account"] == "Total Economic-Related")
        & (crs["period_type"] == "annual")
        & crs["fiscal_year_start"].between(2010, 2014)
    ]
    latest = economic.sort_values("crs_table_date").groupby("fiscal_year_start").tail(1)
    assert sorted(latest["fiscal_year_start"]) == [2010, 2011, 2012, 2013, 2014]
    return float(latest["value_usd_millions"].sum()) / 1000


def csf_peak() -> tuple[int, float]:
    csf = load("us_csf_reimbursements")
    annual = csf[csf["annual"] & csf["csf_usd_millions"].notna()]
    peak = annual.loc[annual["csf_usd_millions"].idxmax()]
    return int(peak["fiscal_year_start"]), float(peak["csf_usd_millions"]) / 1000


def trade_value(country: str, flow: str, fiscal_year: str = "FY2024-25", months: str = "Jul-Jun") -> float:
    trade = load("trade_by_country")
    rows = trade[(trade["fiscal_year"] == fiscal_year) & (trade["months"] == months) & (trade["flow"] == flow)]
    if country == "all":
        return float(rows["value_usd_million"].sum()) / 1000
    return float(rows.loc[rows["country"] == country, "value_usd_million"].sum()) / 1000


def remittances(source: str, fiscal_year: str) -> float:
    rem = load("remittances_by_country")
    rows = rem[(rem["fiscal_year"] == fiscal_year) & (rem["source_country"] == source)]
    assert len(rows) == 12, f"{fiscal_year} {source}: expected 12 months, found {len(rows)}"
    return float(rows["value_usd_million"].sum()) / 1000


@cache
def debt_service() -> pd.DataFrame:
    debt = load("debt_service_by_creditor")
    debt = debt.assign(service=debt["interest_usd"].fillna(0) + debt["principal_usd"].fillna(0))
    paid = debt[~debt["projection"]]
    return paid.pivot_table(index="year", columns="creditor", values="service", aggfunc="sum")


def china_service_share(year: int) -> float:
    return 100 * float(debt_service().loc[year, "China"]) / float(debt_service().loc[year, "All creditors"])


def pew(country: str, year: int, measure: str = "favourable") -> int:
    table = load("pew_favourability")
    row = table[(table["country_rated"] == country) & (table["survey_year"] == year) & (table["measure"] == measure)]
    assert len(row) == 1
    return int(row["percent"].iloc[0])


def obligations(year: int, column: str) -> float:
    table = load("us_aid_obligations")
    row = table[(table["fiscal_year"] == year) & ~table["transition_quarter"].astype(bool)]
    return float(row[column].iloc[0]) / BILLION


def top_two_constant_years() -> tuple[int, float, int, float]:
    top = us_aid()["total_constant_fy2019_usd"].astype(float).nlargest(2)
    return int(top.index[0]), top.iloc[0] / BILLION, int(top.index[1]), top.iloc[1] / BILLION


def years_china_leads(first: int, last: int) -> int:
    window = arms_by_year().loc[first:last]
    return int((window.idxmax(axis=1) == "China").sum())


NUMBER_WORDS = {9: "nine", 42: "Forty-two"}


# ---------------------------------------------------------------------------------------------------------------
# Prose cases: (chapter, phrase with {} placeholders, function returning the formatted values)

PROSE_CASES = [
    ("01_crossroads", "the two highest years are FY{} (about ${} billion) and FY{} (about ${} billion)",
     lambda: (lambda y1, v1, y2, v2: (y1, f"{v1:.1f}", y2, f"{v2:.1f}"))(*top_two_constant_years())),
    ("01_crossroads", "China delivered about {} million TIV to Pakistan from 1950 to 2021, roughly twice the United States' {} million",
     lambda: tuple(f"{round(arms_by_year()[s].sum(), -2):,.0f}" for s in ("China", "United States"))),
    ("02_china_since_1950", "rise from almost nothing in 1964 to {} million TIV in 1965 and {} million in 1966",
     lambda: tuple(f"{arms_by_year().loc[y, 'China']:.0f}" for y in (1965, 1966))),
    ("02_china_since_1950", "From 1965 to 1982 China is Pakistan's largest single supplier in {} of the eighteen years",
     lambda: (NUMBER_WORDS[years_china_leads(1965, 1982)],)),
    ("02_china_since_1950", "loans account for about ${} billion of the roughly ${} billion committed",
     lambda: (f"{china_by('flow_type', 'loan'):.0f}", f"{china_committed():.0f}")),
    ("03_us_since_1947", "the highest year in the whole series is FY{}, at about ${} billion, and the second highest is FY{}, at about ${} billion",
     lambda: (lambda y1, v1, y2, v2: (y1, f"{v1:.1f}", y2, f"{v2:.1f}"))(*top_two_constant_years())),
    ("03_us_since_1947", "FY2010 (about ${} billion) towers over FY1962 (about ${} billion)",
     lambda: (f"{aid_value(2010, 'total_nominal_usd'):.1f}", f"{aid_value(1962, 'total_nominal_usd'):.1f}")),
    ("03_us_since_1947", "peaks in FY{} at about ${} billion in constant FY2019 dollars",
     lambda: (int(us_aid()["military_constant_fy2019_usd"].astype(float).idxmax()),
              f"{us_aid()['military_constant_fy2019_usd'].astype(float).max() / BILLION:.1f}")),
    ("03_us_since_1947", "Military aid falls from about ${} billion in FY2011 to about ${} billion in FY2012 and ${} billion in FY2013",
     lambda: tuple(f"{aid_value(y, 'military_constant_fy2019_usd'):.2f}" for y in (2011, 2012, 2013))),
    ("03_us_since_1947", "the largest single year of CSF is FY{}, at ${} billion",
     lambda: (lambda year, value: (year, f"{value:.1f}"))(*csf_peak())),
    ("03_us_since_1947", "in the CRS tables gives about ${} billion in nominal dollars",
     lambda: (f"{klb_appropriated():.2f}",)),
    ("04_cpec", "of the {} MW commissioned by October 2022, {} MW (about {} percent) burned coal",
     lambda: (lambda total, coal: (f"{total:,.0f}", f"{coal:,.0f}", f"{100 * coal / total:.0f}"))(
         energy_mw(["coal", "coal/solar", "hydro", "solar", "wind"], ["completed"]), energy_mw(["coal"], ["completed"]))),
    ("04_cpec", "Sindh holds about {} MW and Punjab about {} MW",
     lambda: tuple(f"{located_mw(p):,.0f}" for p in ("Sindh", "Punjab"))),
    ("04_cpec", "coal and coal-with-solar plants come to {} MW of the list",
     lambda: (f"{energy_mw(['coal', 'coal/solar'], ['completed', 'under development', 'potential']):,.0f}",)),
    ("05_development_partners", "about ${} billion in nominal dollars, well short of the ceiling",
     lambda: (f"{klb_appropriated():.2f}",)),
    ("05_development_partners", "${} billion in nominal dollars, of which ${} billion ({} percent) were loans",
     lambda: (f"{china_committed():.1f}", f"{china_by('flow_type', 'loan'):.1f}",
              f"{100 * china_by('flow_type', 'loan') / china_committed():.0f}")),
    ("05_development_partners", "${} billion was committed in 2014–2017 against ${} billion in the fourteen years before, and 2014 alone saw ${} billion",
     lambda: (f"{china_committed(2014, 2017):.1f}", f"{china_committed(2000, 2013):.1f}", f"{china_committed(2014, 2014):.1f}")),
    ("05_development_partners", "{} of the {} projects have no reported amount",
     lambda: (NUMBER_WORDS[int(china_projects()["amount_usd_nominal"].isna().sum())], len(china_projects()))),
    ("05_development_partners", "${} billion of the ${} billion was OOF-like and ${} billion ODA-like",
     lambda: (f"{china_by('flow_class', 'OOF-like'):.1f}", f"{china_committed():.1f}", f"{china_by('flow_class', 'ODA-like'):.1f}")),
    ("05_development_partners", "energy taking ${} billion ({} percent) of the commitments and transport ${} billion ({} percent)",
     lambda: (f"{china_by('sector', 'Energy Generation and Supply'):.1f}",
              f"{100 * china_by('sector', 'Energy Generation and Supply') / china_committed():.0f}",
              f"{china_by('sector', 'Transport and Storage'):.1f}",
              f"{100 * china_by('sector', 'Transport and Storage') / china_committed():.0f}")),
    ("06_guns_and_security", "over 1950–2021 China delivered about {} percent of Pakistan's imported major arms by volume against about {} percent from the United States",
     lambda: tuple(f"{arms_share(s, 1950, 2021):.0f}" for s in ("China", "United States"))),
    ("06_guns_and_security", "China supplied {} percent of Pakistan's imports by volume in 2012–2016 and {} percent in 2017–2021, while the United States fell from {} percent to about {} percent",
     lambda: (f"{arms_share('China', 2012, 2016):.0f}", f"{arms_share('China', 2017, 2021):.0f}",
              f"{arms_share('United States', 2012, 2016):.0f}", f"{arms_share('United States', 2017, 2021):.0f}")),
    ("06_guns_and_security", "the 2022 extract used here gives {} percent for China in 2016–2020",
     lambda: (f"{arms_share('China', 2016, 2020):.1f}",)),
    ("07_trade_investment_debt", "about ${} billion, or roughly {}% of export receipts of ${} billion",
     lambda: (f"{trade_value('United States', 'exports'):.1f}",
              f"{100 * trade_value('United States', 'exports') / trade_value('all', 'exports'):.0f}",
              f"{trade_value('all', 'exports'):.1f}")),
    ("07_trade_investment_debt", "about ${} billion, or roughly {}% of import payments of ${} billion",
     lambda: (f"{trade_value('China', 'imports'):.1f}",
              f"{100 * trade_value('China', 'imports') / trade_value('all', 'imports'):.0f}",
              f"{trade_value('all', 'imports'):.1f}")),
    ("07_trade_investment_debt", "a surplus of roughly ${} billion with the United States and a deficit of roughly ${} billion with China",
     lambda: (f"{trade_value('United States', 'exports') - trade_value('United States', 'imports'):.1f}",
              f"{trade_value('China', 'imports') - trade_value('China', 'exports'):.1f}")),
    ("07_trade_investment_debt", "China's share of this debt service was about {}% in 2015, rose to about {}% in 2022 (some ${} billion of ${} billion) and fell back to about {}% in 2024",
     lambda: (f"{china_service_share(2015):.0f}", f"{china_service_share(2022):.0f}",
              f"{debt_service().loc[2022, 'China'] / BILLION:.1f}", f"{debt_service().loc[2022, 'All creditors'] / BILLION:.1f}",
              f"{china_service_share(2024):.0f}")),
    ("08_hearts_and_minds", "Saudi Arabia about ${} billion ({}%), the United Arab Emirates ${} billion, the United Kingdom ${} billion, the European Union ${} billion, and the United States about ${} billion",
     lambda: (f"{remittances('Saudi Arabia', 'FY2024-25'):.1f}",
              f"{100 * remittances('Saudi Arabia', 'FY2024-25') / remittances('All countries (total)', 'FY2024-25'):.0f}",
              *(f"{remittances(s, 'FY2024-25'):.1f}" for s in ("United Arab Emirates", "United Kingdom", "European Union", "United States")))),
    ("08_hearts_and_minds", "about ${} billion in the chart's data, with the United States again at about ${} billion",
     lambda: tuple(f"{remittances(s, 'FY2025-26'):.1f}" for s in ("All countries (total)", "United States"))),
    ("08_hearts_and_minds", "Remittances grew from about ${} billion in 1976 to ${} billion in 2020",
     lambda: tuple(f"{float(load('remittances_total').set_index('year').loc[y, 'value_usd']) / BILLION:.1f}" for y in (1976, 2020))),
    ("08_hearts_and_minds", "Favourable views of China were {}% in 2010 and 2012, {}% in 2014 and {}% in 2015",
     lambda: (pew("China", 2010), pew("China", 2014), pew("China", 2015)) if pew("China", 2010) == pew("China", 2012) else ("mismatch",) * 3),
    ("08_hearts_and_minds", "Favourable views of the United States were {}% in 2007, {}% in 2010, {}% in 2012 and {}% in 2013",
     lambda: tuple(pew("United States", y) for y in (2007, 2010, 2012, 2013))),
    ("08_hearts_and_minds", "which rose from a few hundred in the early 2000s to about {} in 2017",
     lambda: (f"{round(float(load('china_public_diplomacy').set_index('year').loc[2017, 'pakistani_students_in_china']), -2):,.0f}",)),
    ("09_between_two_giants", "the chart's older extract gives {}% for 2015–19",
     lambda: (f"{arms_share('China', 2015, 2019):.0f}",)),
    ("10_capstone_policy_brief", "US aid in FY1962 was about ${} billion in nominal dollars but about ${} billion in constant FY2019 dollars",
     lambda: (f"{aid_value(1962, 'total_nominal_usd'):.1f}", f"{aid_value(1962, 'total_constant_fy2019_usd'):.1f}")),
    ("10_capstone_policy_brief", "in FY2010 US agencies obligated ${} billion for Pakistan but disbursed ${} billion",
     lambda: (f"{obligations(2010, 'obligations_nominal_usd'):.2f}", f"{obligations(2010, 'disbursements_nominal_usd'):.2f}")),
]


@pytest.mark.parametrize(
    "chapter, phrase, compute", PROSE_CASES, ids=[f"{c}:{p[:40]}" for c, p, _ in PROSE_CASES]
)
def test_prose_quotes_the_data(chapter, phrase, compute):
    expected = normalise(phrase.format(*compute()))
    text = chapter_text(chapter)
    if expected not in text:
        # Show the sentence the chapter actually has, found by the phrase's first words, to make the drift obvious.
        lead = normalise(phrase.split("{}")[0])[-40:]
        position = text.find(lead) if lead.strip() else -1
        found = text[position: position + len(expected) + 40] if position >= 0 else "(phrase not found)"
        pytest.fail(f"{chapter}.ipynb should say (computed from data/):\n  {expected}\nbut has:\n  {found}")


def test_cases_cover_most_chapters():
    chapters = {chapter for chapter, _, _ in PROSE_CASES}
    assert len(PROSE_CASES) >= 15
    assert len(chapters) >= 9, chapters


# ---------------------------------------------------------------------------------------------------------------
# Quiz banks: every numeric answer recomputed from data/

NUMERIC_ANSWERS = {
    "ch01-read-arms-2021": lambda: float(arms_by_year().loc[2021, "China"]),
    "ch02-read-1966": lambda: float(arms_by_year().loc[1966, "China"]),
    "ch03-read-2010": lambda: aid_value(2010, "total_constant_fy2019_usd"),
    "ch04-coal-mw": lambda: energy_mw(["coal"], ["completed"]),
    "ch05-china-2014": lambda: china_committed(2014, 2014),
    "ch06-us-2010": lambda: float(arms_by_year().loc[2010, "United States"]),
    "ch07-read-imports-china": lambda: trade_value("China", "imports"),
    "ch07-read-debt-service": lambda: china_service_share(2022),
    "ch08-read-remittances": lambda: remittances("United States", "FY2024-25"),
    "ch09-read-arms": lambda: arms_share("China", 2015, 2019),
    "ch10-constant": lambda: aid_value(1962, "total_constant_fy2019_usd") / aid_value(1962, "total_nominal_usd"),
}


def numeric_questions() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(QUIZZES.glob("ch*.yml")):
        bank = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(path.name, q) for q in bank["questions"] if q["type"] == "numeric"]
    return found


def test_every_numeric_question_has_a_computation():
    ids = {question["id"] for _, question in numeric_questions()}
    assert ids, "no numeric questions found"
    missing = ids - NUMERIC_ANSWERS.keys()
    stale = NUMERIC_ANSWERS.keys() - ids
    assert not missing, f"numeric questions without a computation from data/: {sorted(missing)}"
    assert not stale, f"computations for questions that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("file_name, question", numeric_questions(), ids=[q["id"] for _, q in numeric_questions()])
def test_numeric_answer_matches_data(file_name, question):
    computed = NUMERIC_ANSWERS[question["id"]]()
    answer, tolerance = float(question["answer"]), float(question.get("tolerance", 0))
    assert abs(answer - computed) <= tolerance, (
        f"{file_name} {question['id']}: answer {answer} ± {tolerance}, but data/ gives {computed:.4f}"
    )
    # The stated answer should be the computed value rounded to the answer's own precision (e.g. 3.1 for 3.127).
    decimals = max(0, -Decimal(str(question["answer"])).normalize().as_tuple().exponent)
    assert round(computed, decimals) == pytest.approx(answer), (
        f"{file_name} {question['id']}: answer {answer} is not data/'s {computed:.4f} rounded to {decimals} decimals"
    )
