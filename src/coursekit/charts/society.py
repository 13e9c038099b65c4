"""Charts of opinion, students and Chinese public diplomacy. Each builder returns a :class:`coursekit.CourseFigure`."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..data import DataError, load
from ..figures import CourseFigure
from ..theme import COLORS


def _yearly(values: pd.DataFrame, years: range, column: str) -> list:
    """Values on a full run of years with None where there is no figure, so plotly leaves a gap instead of a line."""
    by_year = dict(zip(values["year"], values[column]))
    return [by_year.get(year) for year in years]


def _label_positions(values: list) -> list[str]:
    """Put a point's label above it unless its neighbour is higher, so labels of adjacent years do not collide."""
    positions = []
    for i, value in enumerate(values):
        neighbours = [v for v in (values[i - 1] if i else None, values[i + 1] if i + 1 < len(values) else None) if v is not None]
        positions.append("bottom center" if value is not None and any(n > value for n in neighbours) else "top center")
    return positions


def pew_favourability() -> CourseFigure:
    pew = load("pew_favourability")
    favourable = pew[pew["measure"] == "favourable"].rename(columns={"survey_year": "year"})
    if favourable.empty:
        raise DataError("pew_favourability: no 'favourable' rows")
    years = range(int(favourable["year"].min()), int(favourable["year"].max()) + 1)
    fig = go.Figure()
    for country, key in (("United States", "us"), ("China", "china")):
        rows = favourable[(favourable["country_rated"] == country) & (favourable["survey"].str.startswith("Pew"))]
        fig.add_trace(
            go.Scatter(
                x=list(years), y=_yearly(rows, years, "percent"), mode="lines+markers+text", connectgaps=False,
                name=f"{country} (Pew Global Attitudes)", line=dict(color=COLORS[key], width=3),
                marker=dict(color=COLORS[key], size=11),
                text=[None if v is None else f"{v:.0f}%" for v in _yearly(rows, years, "percent")],
                textposition=_label_positions(_yearly(rows, years, "percent")), textfont=dict(color=COLORS[key], size=13),
                hovertemplate="%{x}: %{y}% favourable<extra>" + country + "</extra>",
            )
        )
        other = favourable[(favourable["country_rated"] == country) & ~(favourable["survey"].str.startswith("Pew"))]
        if not other.empty:
            fig.add_trace(
                go.Scatter(
                    x=other["year"], y=other["percent"], mode="markers+text", name=f"{country} ({other['survey'].iloc[0]})",
                    marker=dict(color="white", size=11, line=dict(color=COLORS[key], width=2.5)),
                    text=[f"{v:.0f}%" for v in other["percent"]], textposition="top center", textfont=dict(color=COLORS[key], size=13),
                    hovertemplate="%{x}: %{y}% favourable<extra>" + other["survey"].iloc[0] + "</extra>",
                )
            )
    fig.update_layout(height=480, yaxis=dict(title_text="Favourable view (% of adults)", range=[0, 100]),
                      xaxis=dict(title_text="Survey year", dtick=1 if len(years) <= 8 else 2), legend=dict(y=-0.2))
    us = favourable[(favourable["country_rated"] == "United States") & favourable["survey"].str.startswith("Pew")]
    cn = favourable[favourable["country_rated"] == "China"]
    missing = [y for y in years if y not in set(favourable["year"])]
    description = (
        f"Points for each survey year with a published figure; lines join only consecutive years. In Pew's surveys "
        f"{cn['percent'].min():.0f}–{cn['percent'].max():.0f}% of Pakistanis viewed China favourably "
        f"({int(cn['year'].min())}–{int(cn['year'].max())}), against {us['percent'].min():.0f}–{us['percent'].max():.0f}% for the "
        f"United States ({int(us['year'].min())}–{int(us['year'].max())}). No figure is shown for "
        f"{', '.join(map(str, missing))}: the course has no published value for those years, and none is estimated."
    )
    table = pew.sort_values(["survey_year", "country_rated"])[["survey_year", "country_rated", "measure", "percent", "survey", "source_url"]]
    table = table.rename(columns={"survey_year": "Year", "country_rated": "View of", "measure": "Measure", "percent": "Percent of adults",
                                  "survey": "Survey", "source_url": "Page quoting it"}).reset_index(drop=True)
    unfavourable = pew[pew["measure"] == "unfavourable"]
    extra = "".join(f" In {int(r.survey_year)} Pew reported {r.percent:.0f}% unfavourable towards the {r.country_rated}; that row is in the table, not the chart."
                    for r in unfavourable.itertuples())
    return CourseFigure(
        fig,
        title=f"Pakistanis have viewed China far more favourably than the United States: {cn['percent'].min():.0f}–{cn['percent'].max():.0f}% against {us['percent'].min():.0f}–{us['percent'].max():.0f}% in Pew's surveys",
        description=description,
        datasets=["pew_favourability"],
        source="Pew Research Center, Global Attitudes surveys, as published by Pew and quoted in news reports",
        table=table,
        notes=(
            "Compiled figures, not Pew's full series: gaps are years without a figure here, and nothing is interpolated. "
            "The open circle for 2000 is a U.S. State Department survey that Pew's trend tables reuse." + extra
        ),
    )


def students() -> CourseFigure:
    counts = load("students")
    diplomacy = load("china_public_diplomacy")
    us = counts[counts["host"] == "United States"].sort_values("start_year")
    in_china = diplomacy[["year", "pakistani_students_in_china"]].dropna()
    china_quoted = counts[counts["host"] == "China"]
    first = int(min(in_china["year"].min(), us["start_year"].min()))
    last = int(max(in_china["year"].max(), us["start_year"].max(), china_quoted["start_year"].max() if len(china_quoted) else 0))
    years = range(first, last + 1)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=list(years), y=_yearly(in_china, years, "pakistani_students_in_china"), mode="lines+markers", connectgaps=False,
        name="In China (AidData)", line=dict(color=COLORS["china"], width=3), marker=dict(size=8),
        hovertemplate="%{x}: %{y:,} students<extra>In China (AidData)</extra>"))
    if len(china_quoted):
        fig.add_trace(go.Scatter(
            x=china_quoted["start_year"], y=china_quoted["students"], mode="markers", name="In China (about, quoted in a blog)",
            marker=dict(color="white", size=11, line=dict(color=COLORS["china"], width=2.5)),
            hovertemplate="%{x}: about %{y:,} students<extra>In China (quoted)</extra>"))
    us_years = us.rename(columns={"start_year": "year"})
    fig.add_trace(go.Scatter(
        x=list(years), y=_yearly(us_years, years, "students"), mode="lines+markers", connectgaps=False,
        name="In the US (IIE Open Doors)", line=dict(color=COLORS["us"], width=3), marker=dict(size=8),
        customdata=[next((p for y, p in zip(us["start_year"], us["period"]) if y == year), "") for year in years],
        hovertemplate="%{customdata}: %{y:,} students<extra>In the United States</extra>"))
    fig.update_layout(height=480, yaxis=dict(title_text="Pakistani students", rangemode="tozero", separatethousands=True),
                      xaxis=dict(title_text="Year (US: academic year from autumn)", dtick=4), legend=dict(y=-0.22))
    china_2017 = in_china[in_china["year"] == 2017]["pakistani_students_in_china"]
    us_2017 = us[us["start_year"] == 2017]["students"]
    if china_2017.empty or us_2017.empty:
        raise DataError("students / china_public_diplomacy: the 2017 counts the chart's finding rests on are missing")
    c17, u17 = int(china_2017.iloc[0]), int(us_2017.iloc[0])
    latest_us = us.iloc[-1]
    description = (
        f"Lines of Pakistani students abroad. In China (AidData) their number rose from {int(in_china.iloc[0].pakistani_students_in_china):,} "
        f"in {int(in_china.iloc[0].year)} to {c17:,} in 2017; in the United States (IIE Open Doors) there were {u17:,} in 2017/18 and "
        f"{int(latest_us.students):,} in {latest_us.period}. A blog put the number in China at about 28,000 in 2018."
    )
    rows = [{"Host": "China", "Year or academic year": str(int(r.year)), "Students": int(r.pakistani_students_in_china),
             "Approximate": False, "Counted by": "AidData", "Page": None} for r in in_china.itertuples()]
    rows += [{"Host": r.host, "Year or academic year": r.period, "Students": int(r.students), "Approximate": bool(r.approximate),
              "Counted by": "IIE Open Doors" if "IIE" in r.measure else "unstated (blog)", "Page": r.source_url}
             for r in counts.itertuples()]
    return CourseFigure(
        fig,
        title=f"By 2017 about {TIMES.get(round(c17 / u17), f'{c17 / u17:.0f} times')} as many Pakistanis studied in China ({c17:,}) as in the United States ({u17:,} in 2017/18)",
        description=description,
        datasets=["students", "china_public_diplomacy"],
        source="AidData, China's Public Diplomacy in South and Central Asia; IIE Open Doors figures as quoted in news and blogs",
        table=pd.DataFrame(rows),
        notes=(
            "The two series come from different publishers and count differently: AidData counts Pakistani students in China by "
            "calendar year; IIE counts Pakistani students at US institutions by academic year, including those on practical training. "
            "Gaps are years without a figure here."
        ),
    )


TIMES = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}

DIPLOMACY_PANELS = [
    ("confucius_institutes_cumulative", "Confucius Institutes"),
    ("sister_cities_cumulative", "Sister cities"),
    ("chinese_government_scholarships", "Scholarships a year"),
    ("military_senior_meetings", "Military meetings a year"),
]


FULL_NAMES = {
    "confucius_institutes_cumulative": "Confucius Institutes open (total)",
    "sister_cities_cumulative": "Sister-city pairs (total)",
    "chinese_government_scholarships": "Chinese government scholarships (per year)",
    "military_senior_meetings": "Senior-level military meetings (per year)",
}


def china_public_diplomacy() -> CourseFigure:
    data = load("china_public_diplomacy").sort_values("year")
    fig = make_subplots(rows=2, cols=2, shared_xaxes=True, vertical_spacing=0.16, horizontal_spacing=0.1,
                        subplot_titles=[title for _, title in DIPLOMACY_PANELS])
    rows = []
    facts = {}
    for index, (column, title) in enumerate(DIPLOMACY_PANELS):
        present = data[["year", column]].dropna()
        facts[column] = present
        fig.add_trace(
            go.Bar(x=present["year"], y=present[column], marker_color=COLORS["china"], name=title, showlegend=False,
                   hovertemplate="%{x}: %{y}<extra>" + title + "</extra>"),
            row=index // 2 + 1, col=index % 2 + 1,
        )
        rows += [{"Measure": FULL_NAMES[column], "Year": int(r.year), "Value": int(getattr(r, column))} for r in present.itertuples()]
    fig.update_layout(height=560)
    fig.update_annotations(font_size=15)
    fig.update_xaxes(range=[data["year"].min() - 0.6, data["year"].max() + 0.6], dtick=6, tick0=2000)
    fig.update_yaxes(rangemode="tozero")

    def span(column: str) -> str:
        present = facts[column]
        a, b = present.iloc[0], present.iloc[-1]
        return f"{int(a[column])} in {int(a.year)} to {int(b[column])} in {int(b.year)}"

    description = (
        "Four bar charts of yearly counts from AidData (blank years have no data): Confucius Institutes open, sister-city pairs, "
        "Chinese government scholarships awarded and senior-level military meetings. Confucius Institutes went from "
        f"{span('confucius_institutes_cumulative')}; sister-city pairs from {span('sister_cities_cumulative')}; Chinese government "
        f"scholarships a year from {span('chinese_government_scholarships')}; senior military meetings from "
        f"{span('military_senior_meetings')}."
    )
    ci, sc = facts["confucius_institutes_cumulative"], facts["chinese_government_scholarships"]
    return CourseFigure(
        fig,
        title=(f"China's public diplomacy in Pakistan grew: {int(ci.iloc[-1].confucius_institutes_cumulative)} Confucius Institutes by "
               f"{int(ci.iloc[-1].year)} and {int(sc.iloc[-1].chinese_government_scholarships)} government scholarships a year"),
        description=description,
        datasets=["china_public_diplomacy"],
        source="AidData, China's Public Diplomacy in South and Central Asia v1.0 (Custer et al. 2019)",
        table=pd.DataFrame(rows),
        notes="Counts as coded by AidData from public sources; a missing bar means no data for that year, not zero.",
    )
