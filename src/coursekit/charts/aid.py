"""Charts of US aid and Chinese official finance to Pakistan.

Each public builder loads its tables with :func:`coursekit.load` and returns a :class:`coursekit.CourseFigure`. The
figure itself is made by a plain function of DataFrames (``*_figure``), so tests can check the numbers drawn against
the tables, and the live explorer can redraw from the same code.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..data import load
from ..figures import CourseFigure
from ..paths import book_build

COLORS = theme.COLORS
BILLION = 1e9
MILLION = 1e6

# Two tones of the US blue: military the full colour, economic a lighter tint (same hue, so "blue = United States").
US_MILITARY = COLORS["us"]
US_ECONOMIC = "#80B8D8"
# Two tones of China's vermillion for loans and grants; "other/unclear" is hatched in the same hue.
CHINA_LOAN = COLORS["china"]
CHINA_GRANT = "#EBAE80"
CSF_COLOR = "#000000"  # Coalition Support Funds: US money, but not aid, so deliberately not a bar in US blue

def top_margin_for_buttons() -> int:
    """Room above the plot for the dollar buttons; in Jupyter the figure also shows its title above them."""
    return 56 if book_build() else 90


BUTTON_STYLE = dict(
    type="buttons",
    direction="right",
    showactive=True,
    x=0,
    xanchor="left",
    y=1.0,
    yanchor="bottom",
    pad=dict(t=4, b=4, l=0, r=4),
    bgcolor="#F2F2F2",
    bordercolor="#888888",
    font=dict(size=13),
)


# ---------------------------------------------------------------------------------------------------------------------
# Turning points in US aid (dates: Office of the Historian, Arms Control Today, Carnegie, CRS; see the chapters)
# ---------------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TurningPoint:
    year: int
    month: int
    label: str  # short, fits on a phone
    text: str  # full, shown on hover and in the description


TURNING_POINTS = (
    TurningPoint(1954, 5, "1954 defence pact", "19 May 1954: US–Pakistan Mutual Defense Assistance Agreement"),
    TurningPoint(1965, 9, "1965 war: arms cut", "September 1965: war with India; the US suspends military aid to both sides"),
    TurningPoint(1979, 4, "1979 Symington", "April 1979: Symington Amendment applied over the Kahuta enrichment plant; aid cut"),
    TurningPoint(1990, 10, "1990 Pressler", "October 1990: Pressler certification withheld; most military and economic aid stops"),
    TurningPoint(1998, 5, "1998 nuclear tests", "May 1998: sanctions after Pakistan's nuclear tests (coup sanctions follow in October 1999)"),
    TurningPoint(2001, 9, "2001 waivers", "22 September 2001: the nuclear and related sanctions are waived after 9/11"),
    TurningPoint(2009, 10, "2009 Kerry–Lugar", "15 October 2009: Kerry–Lugar–Berman Act authorises US$1.5bn a year of civilian aid for FY2010–14"),
    TurningPoint(2011, 5, "2011 Abbottabad, Salala", "2 May 2011: bin Laden killed in Abbottabad; 26 November 2011: NATO air strikes kill Pakistani soldiers at Salala"),
    TurningPoint(2018, 1, "2018 suspension", "January 2018: the US suspends most security assistance"),
)


def fiscal_year_position(year: int, month: int) -> float:
    """Where a calendar month falls on a fiscal-year axis whose bars are centred on the fiscal year.

    Until FY1976 the US fiscal year ran July–June; from FY1977 it runs October–September. A bar for FY y spans
    y - 0.5 … y + 0.5, so an event is drawn inside the bar of the fiscal year in which it happened.
    """
    start_month = 7 if (year, month) < (1976, 7) else 10
    fiscal_year = year + 1 if month >= start_month else year
    months_in = (month - start_month) % 12
    return fiscal_year - 0.5 + (months_in + 0.5) / 12


def _turning_point_layout() -> tuple[list[dict], list[dict]]:
    """Dotted lines with labels written upwards beside them: narrow enough for a phone, large enough for a projector.

    A label sits right of its line, except when the next event is close: then it sits left, so pairs never collide.
    """
    shapes, annotations = [], []
    positions = [fiscal_year_position(p.year, p.month) for p in TURNING_POINTS]
    for i, (point, x) in enumerate(zip(TURNING_POINTS, positions)):
        next_close = i + 1 < len(positions) and positions[i + 1] - x < 4
        shapes.append(dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, line=dict(color="#555555", width=1, dash="dot"), layer="below"))
        annotations.append(
            dict(
                x=x,
                xref="x",
                yref="paper",
                y=1,
                yanchor="top",
                xanchor="right" if next_close else "left",
                text=point.label,
                hovertext=point.text,
                textangle=-90,
                showarrow=False,
                font=dict(size=12, color=theme.TEXT_COLOR),
                bgcolor="rgba(255,255,255,0.8)",
                borderpad=1,
            )
        )
    return shapes, annotations


# ---------------------------------------------------------------------------------------------------------------------
# US aid by fiscal year
# ---------------------------------------------------------------------------------------------------------------------
def fa_gov_to_fy2019_factor(obligations: pd.DataFrame) -> pd.Series:
    """Per fiscal year, the factor that turns nominal US$ into constant FY2019 US$, from ForeignAssistance.gov's own
    price index (its nominal and constant-FY2021 obligations): factor_y = (nominal/constant)_2019 / (nominal/constant)_y.
    """
    full_years = obligations[~obligations["transition_quarter"].astype(bool)].set_index("fiscal_year")
    nominal = full_years["obligations_nominal_usd"].astype(float)
    constant = full_years["obligations_constant_fy2021_usd"].astype(float)
    price = nominal / constant  # price level relative to FY2021
    return price.loc[2019] / price


def us_aid_series(aid: pd.DataFrame, csf: pd.DataFrame, obligations: pd.DataFrame) -> dict:
    """Every series the US aid chart draws, in US$ billions, for both dollar views."""
    aid = aid.sort_values("fiscal_year")
    years = aid["fiscal_year"].astype(int).tolist()
    factor = fa_gov_to_fy2019_factor(obligations)
    last_greenbook = max(years)
    later = obligations[(obligations["fiscal_year"] > last_greenbook) & ~obligations["transition_quarter"].astype(bool)].sort_values("fiscal_year")
    later_years = later["fiscal_year"].astype(int).tolist()
    csf_annual = csf[csf["annual"].astype(bool)].sort_values("fiscal_year_start")
    csf_years = csf_annual["fiscal_year_start"].astype(int).tolist()
    csf_nominal = csf_annual["csf_usd_millions"].astype(float) * MILLION  # empty (NaN) where CRS prints no amount
    multi = csf[~csf["annual"].astype(bool)]
    if len(multi) != 1:
        raise ValueError(f"us_csf_reimbursements: expected one multi-year row (FY2002–FY2007), found {len(multi)}")
    multi = multi.iloc[0]
    span = int(multi["fiscal_year_end"]) - int(multi["fiscal_year_start"]) + 1
    return {
        "years": years,
        "nominal": {
            "economic": (aid["economic_nominal_usd"] / BILLION).tolist(),
            "military": (aid["military_nominal_usd"] / BILLION).tolist(),
            "later_total": (later["obligations_nominal_usd"].astype(float) / BILLION).tolist(),
            "csf": (csf_nominal / BILLION).tolist(),
        },
        "constant": {
            "economic": (aid["economic_constant_fy2019_usd"] / BILLION).tolist(),
            "military": (aid["military_constant_fy2019_usd"] / BILLION).tolist(),
            "later_total": (later["obligations_nominal_usd"].astype(float) * factor.loc[later_years].to_numpy() / BILLION).tolist(),
            "csf": (csf_nominal.to_numpy() * factor.loc[csf_years].to_numpy() / BILLION).tolist(),
        },
        "later_years": later_years,
        "csf_years": csf_years,
        "csf_multi": {
            "start": int(multi["fiscal_year_start"]),
            "end": int(multi["fiscal_year_end"]),
            "total_usd": float(multi["csf_usd_millions"]) * MILLION,
            "average_bn": float(multi["csf_usd_millions"]) * MILLION / span / BILLION,
        },
        "factor_2020_2023": factor.loc[later_years].tolist(),
    }


def _y_title(view: str) -> str:
    return "US$ billions, constant FY2019" if view == "constant" else "US$ billions, nominal (current)"


def us_aid_figure(aid: pd.DataFrame, csf: pd.DataFrame, obligations: pd.DataFrame, view: str = "constant") -> go.Figure:
    """Economic and military aid by fiscal year, with CSF and FY2020+ totals, and a constant/nominal switch."""
    s = us_aid_series(aid, csf, obligations)
    other = "nominal" if view == "constant" else "constant"
    multi = s["csf_multi"]
    hover_bn = "FY%{x}: US$%{y:.2f}bn<extra>%{fullData.name}</extra>"
    fig = go.Figure()
    fig.add_bar(name="Economic aid", x=s["years"], y=s[view]["economic"], marker_color=US_ECONOMIC, hovertemplate=hover_bn)
    fig.add_bar(name="Military aid", x=s["years"], y=s[view]["military"], marker_color=US_MILITARY, hovertemplate=hover_bn)
    fig.add_bar(
        name="FY2020–23: total only, no split",
        x=s["later_years"],
        y=s[view]["later_total"],
        marker=dict(color="white", line=dict(color=US_MILITARY, width=1.5), pattern=dict(shape="/", fgcolor=US_MILITARY, size=6, solidity=0.3)),
        hovertemplate=hover_bn,
    )
    fig.add_scatter(
        name="Coalition Support Funds (not aid)",
        x=s["csf_years"],
        y=s[view]["csf"],
        mode="lines+markers",
        line=dict(color=CSF_COLOR, width=2.5, dash="dash"),
        marker=dict(symbol="diamond", size=8, color=CSF_COLOR),
        connectgaps=False,
        hovertemplate="FY%{x} CSF: US$%{y:.2f}bn<extra>not foreign aid</extra>",
    )
    # FY2002–07 exists only as a six-year total: drawn as a flat segment at the yearly average, nominal view only.
    fig.add_scatter(
        name=f"CSF FY{multi['start']}–{str(multi['end'])[2:]}, yearly average",
        x=[multi["start"] - 0.4, multi["end"] + 0.4],
        y=[multi["average_bn"], multi["average_bn"]],
        mode="lines",
        line=dict(color=CSF_COLOR, width=2.5, dash="dot"),
        hovertemplate=f"CSF FY{multi['start']}–FY{multi['end']}: US${multi['total_usd'] / BILLION:.2f}bn in total (average US${multi['average_bn']:.2f}bn a year)<extra>nominal</extra>",
        visible=view == "nominal",
    )
    shapes, annotations = _turning_point_layout()

    def layout_for(v: str) -> dict:
        stacked = [e + m for e, m in zip(s[v]["economic"], s[v]["military"])]
        extra = [y for y in s[v]["later_total"] + s[v]["csf"] if not pd.isna(y)]
        if v == "nominal":
            extra.append(multi["average_bn"])
        top = max(stacked + extra) * 1.08  # a little room above the tallest bar
        return {"yaxis.title.text": _y_title(v), "yaxis.range": [0, top], "yaxis.autorange": False}

    def args_for(v: str) -> list:
        data = {
            "y": [s[v]["economic"], s[v]["military"], s[v]["later_total"], s[v]["csf"], [multi["average_bn"]] * 2],
            "visible": [True, True, True, True, v == "nominal"],
        }
        return [data, layout_for(v)]

    labels = {"constant": "Constant FY2019 US$", "nominal": "Nominal US$"}
    order = [view, other]
    fig.update_layout(
        barmode="stack",
        bargap=0.15,
        height=560,
        xaxis=dict(title_text="US fiscal year", range=[1946.5, max(s["later_years"] + s["years"]) + 1.5], dtick=10, tick0=1950),
        yaxis=dict(title_text=_y_title(view), range=layout_for(view)["yaxis.range"], autorange=False, tickformat=".1f"),
        shapes=shapes,
        annotations=annotations,
        updatemenus=[dict(BUTTON_STYLE, active=0, buttons=[dict(label=labels[v], method="update", args=args_for(v)) for v in order])],
        legend=dict(orientation="h", y=-0.14, yanchor="top", x=0, xanchor="left", traceorder="normal"),
        margin=dict(t=top_margin_for_buttons(), b=10, l=10, r=10),
    )
    return fig


def us_aid_table(aid: pd.DataFrame, csf: pd.DataFrame, obligations: pd.DataFrame) -> pd.DataFrame:
    """The numbers the US aid chart shows, one row per fiscal year, in US$ millions."""
    s = us_aid_series(aid, csf, obligations)
    table = pd.DataFrame({"Fiscal year": s["years"]})
    for view, unit in (("constant", "constant FY2019 US$ m"), ("nominal", "nominal US$ m")):
        table[f"Economic ({unit})"] = [v * 1000 for v in s[view]["economic"]]
        table[f"Military ({unit})"] = [v * 1000 for v in s[view]["military"]]
    later = pd.DataFrame(
        {
            "Fiscal year": s["later_years"],
            "All aid, FY2020+ total only (constant FY2019 US$ m)": [v * 1000 for v in s["constant"]["later_total"]],
            "All aid, FY2020+ total only (nominal US$ m)": [v * 1000 for v in s["nominal"]["later_total"]],
        }
    )
    csf_rows = pd.DataFrame(
        {
            "Fiscal year": s["csf_years"],
            "Coalition Support Funds, not aid (nominal US$ m)": [v * 1000 for v in s["nominal"]["csf"]],
            "Coalition Support Funds, not aid (constant FY2019 US$ m)": [v * 1000 for v in s["constant"]["csf"]],
        }
    )
    table = table.merge(later, on="Fiscal year", how="outer").merge(csf_rows, on="Fiscal year", how="outer")
    multi = s["csf_multi"]
    notes = {multi["start"]: f"CSF FY{multi['start']}–FY{multi['end']}: US${multi['total_usd'] / MILLION:,.0f}m in total, no yearly split (chart: average per year)"}
    for year, value in zip(s["csf_years"], s["nominal"]["csf"]):
        if pd.isna(value):
            notes[year] = "CSF: no amount printed by CRS"
    table["Note"] = table["Fiscal year"].map(notes).fillna("")
    return table.sort_values("Fiscal year").reset_index(drop=True)


def _peaks_text(aid: pd.DataFrame) -> str:
    total = aid.set_index("fiscal_year")["total_constant_fy2019_usd"] / BILLION
    parts = []
    for start, end in ((1948, 1970), (1980, 1990), (2001, 2019)):
        window = total.loc[start:end]
        parts.append(f"FY{window.idxmax()} (US${window.max():.1f}bn)")
    low = total.loc[1991:2001]
    return (
        f"In constant FY2019 dollars, economic plus military obligations peaked in {', '.join(parts)}, and fell to "
        f"US${low.min() * 1000:.0f}m in FY{low.idxmin()} under the 1990s sanctions."
    )


def us_aid_by_year() -> CourseFigure:
    aid = load("us_aid_by_year")
    csf = load("us_csf_reimbursements")
    obligations = load("us_aid_obligations")
    s = us_aid_series(aid, csf, obligations)
    csf_total = csf["csf_usd_millions"].sum()
    later = ", ".join(f"FY{y}: US${v * 1000:,.0f}m" for y, v in zip(s["later_years"], s["nominal"]["later_total"]))
    description = (
        f"Stacked bars of US economic and military aid obligations to Pakistan for each fiscal year FY{min(s['years'])}–FY{max(s['years'])} "
        f"(USAID Greenbook), with a button to switch between constant FY2019 and nominal dollars. {_peaks_text(aid)} "
        "Dotted vertical lines mark turning points: "
        + "; ".join(p.text for p in TURNING_POINTS)
        + f". Hatched bars for FY2020–FY2023 are ForeignAssistance.gov obligation totals, which have no economic/military "
        f"split (nominal {later}). A dashed black line shows Coalition Support Funds FY2008–FY2016, Pentagon reimbursements "
        f"for Pakistan's military operations that are not foreign aid; in the nominal view a dotted segment shows the "
        f"FY2002–FY2007 six-year total as a yearly average. The CRS rows used here add up to US${csf_total / 1000:.1f}bn "
        f"nominal for FY2002–FY2018."
    )
    notes = (
        "Obligations (funds committed), not disbursements. Greenbook amounts are stored rounded to two significant figures "
        "(±5% per account row); yearly totals agree with ForeignAssistance.gov within ±4%. FY1976 includes the July–September "
        "1976 transition quarter. FY2020–23 totals and Coalition Support Funds are converted to FY2019 dollars with "
        "ForeignAssistance.gov's own price index. Coalition Support Funds: FY2002–07 is one six-year total, drawn as its "
        "yearly average in the nominal view only (it cannot be deflated without a yearly split); FY2013 is the "
        "March 2014 CRS figure (later tables raise FY2002–13 by US$1.1bn); CRS prints no amount for FY2017–18 (security "
        "assistance was suspended in January 2018)."
    )
    return CourseFigure(
        us_aid_figure(aid, csf, obligations),
        title=(
            "US aid to Pakistan came in three surges (late 1950s–early 1960s, 1980s, after 2001), each followed by a "
            "sharp cut-off"
        ),
        description=description,
        datasets=["us_aid_by_year", "us_aid_obligations", "us_csf_reimbursements"],
        source="USAID Greenbook FY1948–2019; ForeignAssistance.gov FY2020–23; Congressional Research Service (Coalition Support Funds)",
        table=us_aid_table(aid, csf, obligations),
        notes=notes,
    )


# ---------------------------------------------------------------------------------------------------------------------
# Chinese official finance (AidData)
# ---------------------------------------------------------------------------------------------------------------------
FLOW_TYPE_LABELS = {
    "loan": "Loans and export/supplier credits",
    "grant": "Grants, technical assistance, scholarships",
    "other": "Type unclear (AidData 'vague')",
}
FLOW_TYPE_MARKERS = {
    "loan": dict(color=CHINA_LOAN),
    "grant": dict(color=CHINA_GRANT),
    "other": dict(color="white", line=dict(color=CHINA_LOAN, width=1.5), pattern=dict(shape="x", fgcolor=CHINA_LOAN, size=6, solidity=0.3)),
}
CHINA_VIEWS = {"nominal": ("amount_usd_nominal", "US$ billions, nominal (current)"), "constant": ("amount_usd_constant_2017", "US$ billions, constant 2017")}


def china_by_year_series(by_year: pd.DataFrame, years: list[int] | None = None) -> dict:
    """Sum of commitments per year and flow type, US$ billions (NaN sums count as 0: projects without an amount)."""
    years = years or list(range(int(by_year["commitment_year"].min()), int(by_year["commitment_year"].max()) + 1))
    out: dict = {"years": years}
    for view, (column, _) in CHINA_VIEWS.items():
        sums = by_year.pivot_table(index="commitment_year", columns="flow_type", values=column, aggfunc="sum", fill_value=0.0)
        sums = sums.reindex(index=years, columns=list(FLOW_TYPE_LABELS), fill_value=0.0)
        out[view] = {flow: (sums[flow] / BILLION).tolist() for flow in FLOW_TYPE_LABELS}
    counts = by_year.groupby("commitment_year")[["projects", "projects_with_amount"]].sum().reindex(years, fill_value=0)
    out["projects"] = counts["projects"].astype(int).tolist()
    out["projects_without_amount"] = (counts["projects"] - counts["projects_with_amount"]).astype(int).tolist()
    return out


def china_finance_figure(by_year: pd.DataFrame, view: str = "nominal") -> go.Figure:
    s = china_by_year_series(by_year)
    other = "constant" if view == "nominal" else "nominal"
    fig = go.Figure()
    customdata = list(zip(s["projects"], s["projects_without_amount"]))
    for flow, label in FLOW_TYPE_LABELS.items():
        fig.add_bar(
            name=label,
            x=s["years"],
            y=s[view][flow],
            marker=FLOW_TYPE_MARKERS[flow],
            customdata=customdata,
            hovertemplate="%{x}: US$%{y:.2f}bn<br>(%{customdata[0]} projects that year, %{customdata[1]} with no amount)<extra>%{fullData.name}</extra>",
        )
    labels = {"nominal": "Nominal US$", "constant": "Constant 2017 US$"}
    fig.update_layout(
        barmode="stack",
        height=480,
        xaxis=dict(title_text="Year of commitment", dtick=2),
        yaxis=dict(title_text=CHINA_VIEWS[view][1], rangemode="tozero", tickformat=".0f"),
        updatemenus=[
            dict(
                BUTTON_STYLE,
                active=0,
                buttons=[
                    dict(label=labels[v], method="update", args=[{"y": [s[v][flow] for flow in FLOW_TYPE_LABELS]}, {"yaxis.title.text": CHINA_VIEWS[v][1]}])
                    for v in (view, other)
                ],
            )
        ],
        legend=dict(orientation="h", y=-0.16, yanchor="top", x=0, xanchor="left", traceorder="normal"),
        margin=dict(t=top_margin_for_buttons(), b=10, l=10, r=10),
    )
    return fig


def china_finance_table(by_year: pd.DataFrame) -> pd.DataFrame:
    s = china_by_year_series(by_year)
    table = pd.DataFrame({"Year": s["years"]})
    for view, unit in (("nominal", "nominal US$ m"), ("constant", "constant 2017 US$ m")):
        for flow, label in (("loan", "Loans"), ("grant", "Grants"), ("other", "Type unclear")):
            table[f"{label} ({unit})"] = [v * 1000 for v in s[view][flow]]
    table["Projects"] = s["projects"]
    table["Projects with no amount"] = s["projects_without_amount"]
    return table


def china_finance_by_year() -> CourseFigure:
    by_year = load("china_finance_by_year")
    s = china_by_year_series(by_year)
    totals = {y: sum(s["nominal"][f][i] for f in FLOW_TYPE_LABELS) for i, y in enumerate(s["years"])}
    all_total = sum(totals.values())
    loans = sum(s["nominal"]["loan"])
    before = sum(v for y, v in totals.items() if y < 2014)
    after = sum(v for y, v in totals.items() if y >= 2014)
    missing = sum(s["projects_without_amount"])
    description = (
        f"Stacked bars of Chinese official finance committed to Pakistan each year {min(s['years'])}–{max(s['years'])}, "
        f"split into loans, grants and flows of unclear type (AidData, projects recommended for research). Commitments "
        f"total US${all_total:.1f}bn in nominal dollars, of which loans (including export and supplier credits) are "
        f"US${loans:.1f}bn ({loans / all_total:.0%}). US${after:.1f}bn was committed in 2014–{max(s['years'])} against "
        f"US${before:.1f}bn in {min(s['years'])}–2013. {missing} of {sum(s['projects'])} projects have no amount and are not in the sums. "
        "A button switches between nominal and constant 2017 dollars."
    )
    return CourseFigure(
        china_finance_figure(by_year),
        title="Chinese official finance to Pakistan is almost all loans, and commitments became far larger from 2014",
        description=description,
        datasets=["china_finance_by_year", "china_finance_projects"],
        source="AidData, China's Public Diplomacy in South and Central Asia v1.0 (financial diplomacy projects, 2000–2017)",
        table=china_finance_table(by_year),
        notes=(
            "Commitments, not disbursements: money agreed or announced in a year, not money paid, and not debt outstanding. "
            "Loans must be repaid; grants need not. AidData's project record is compiled from open sources, and projects "
            "without an amount are left out of the sums, so totals are lower bounds."
        ),
    )


# Short sector labels that fit beside a bar on a phone (OECD CRS sector names as AidData gives them).
SECTOR_LABELS = {
    "Energy Generation and Supply": "Energy",
    "Transport and Storage": "Transport, storage",
    "General Budget Support": "Budget support",
    "Industry, Mining, Construction": "Industry, mining",
    "Emergency Response": "Emergency response",
    "Action Relating to Debt": "Debt-related",
    "Communications": "Communications",
    "Other Multisector": "Multisector",
    "Government and Civil Society": "Government",
    "Health": "Health",
    "Other Social infrastructure and services": "Other social",
    "Non-food commodity assistance": "Commodity aid",
    "Water Supply and Sanitation": "Water, sanitation",
    "Education": "Education",
    "Agriculture, Forestry and Fishing": "Agriculture",
    "Developmental Food Aid/Food Security Assistance": "Food aid",
    "Unallocated / Unspecified": "Unspecified",
}


def china_sector_series(by_year: pd.DataFrame, column: str = "amount_usd_nominal") -> pd.DataFrame:
    """Commitments by sector (rows, largest last) and flow type (columns), US$ billions."""
    sums = by_year.pivot_table(index="sector", columns="flow_type", values=column, aggfunc="sum", fill_value=0.0)
    sums = sums.reindex(columns=list(FLOW_TYPE_LABELS), fill_value=0.0) / BILLION
    counts = by_year.groupby("sector")["projects"].sum()
    sums["projects"] = counts.reindex(sums.index)
    sums["total"] = sums[list(FLOW_TYPE_LABELS)].sum(axis=1)
    return sums.sort_values(["total", "projects"])


def china_finance_by_sector() -> CourseFigure:
    by_year = load("china_finance_by_year")
    sectors = china_sector_series(by_year)
    fig = go.Figure()
    for flow, label in FLOW_TYPE_LABELS.items():
        fig.add_bar(
            name=label,
            y=[SECTOR_LABELS.get(name, name) for name in sectors.index],
            x=sectors[flow].tolist(),
            orientation="h",
            marker=FLOW_TYPE_MARKERS[flow],
            customdata=list(zip(sectors.index, sectors["projects"])),
            hovertemplate="%{customdata[0]}: US$%{x:.3f}bn<br>(%{customdata[1]} projects in the sector)<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=max(420, 32 * len(sectors) + 140),
        xaxis=dict(title_text="US$ billions, nominal, 2000–17", rangemode="tozero"),
        yaxis=dict(title_text="", automargin=True, tickfont=dict(size=12)),
        legend=dict(orientation="h", y=-0.12, yanchor="top", x=0, xanchor="left", traceorder="normal"),
        margin=dict(t=20, b=10, l=10, r=10),
    )
    total = sectors["total"].sum()
    top = sectors.iloc[::-1]
    table = pd.DataFrame(
        {
            "Sector": top.index,
            "Loans (nominal US$ m)": top["loan"].to_numpy() * 1000,
            "Grants (nominal US$ m)": top["grant"].to_numpy() * 1000,
            "Type unclear (nominal US$ m)": top["other"].to_numpy() * 1000,
            "Total (nominal US$ m)": top["total"].to_numpy() * 1000,
            "Projects": top["projects"].astype(int).to_numpy(),
        }
    )
    first, second = top.index[0], top.index[1]
    description = (
        f"Horizontal stacked bars of Chinese official finance committed to Pakistan in 2000–2017 by sector, split into loans, "
        f"grants and unclear flows, in nominal US dollars. {first} has US${top['total'].iloc[0]:.1f}bn "
        f"({top['total'].iloc[0] / total:.0%} of US${total:.1f}bn), {second} US${top['total'].iloc[1]:.1f}bn "
        f"({top['total'].iloc[1] / total:.0%}); the many small emergency-response and education projects are mostly grants "
        "and add little money."
    )
    short = {"Energy Generation and Supply": "Energy", "Transport and Storage": "transport"}
    return CourseFigure(
        fig,
        title=f"{short.get(first, first)} and {short.get(second, second).lower()} projects take most of the official finance China committed to Pakistan in 2000–2017",
        description=description,
        datasets=["china_finance_by_year", "china_finance_projects"],
        source="AidData, China's Public Diplomacy in South and Central Asia v1.0 (financial diplomacy projects, 2000–2017)",
        table=table,
        notes="Commitments, not disbursements; projects without an amount are counted but add nothing to the sums. Sectors are OECD CRS sectors as AidData assigns them.",
    )


# ---------------------------------------------------------------------------------------------------------------------
# US and China side by side
# ---------------------------------------------------------------------------------------------------------------------
def comparison_series(obligations: pd.DataFrame, by_year: pd.DataFrame) -> dict:
    s = china_by_year_series(by_year)
    years = s["years"]
    full = obligations[~obligations["transition_quarter"].astype(bool)].set_index("fiscal_year")
    us = (full["obligations_nominal_usd"].astype(float).reindex(years) / BILLION).tolist()
    return {
        "years": years,
        "us": us,
        "china_loan": s["nominal"]["loan"],
        "china_grant_other": [g + o for g, o in zip(s["nominal"]["grant"], s["nominal"]["other"])],
        "projects_without_amount": s["projects_without_amount"],
    }


def us_china_comparison_figure(obligations: pd.DataFrame, by_year: pd.DataFrame) -> go.Figure:
    c = comparison_series(obligations, by_year)
    fig = go.Figure()
    fig.add_bar(
        name="United States: aid obligations",
        x=c["years"], y=c["us"], offsetgroup="us", marker_color=COLORS["us"],
        hovertemplate="FY%{x}: US$%{y:.2f}bn<extra>US aid obligations</extra>",
    )
    fig.add_bar(
        name="China: loans committed",
        x=c["years"], y=c["china_loan"], offsetgroup="china", marker_color=CHINA_LOAN,
        hovertemplate="%{x}: US$%{y:.2f}bn<extra>China: loans committed</extra>",
    )
    fig.add_bar(
        name="China: grants, unclear committed",
        x=c["years"], y=c["china_grant_other"], base=c["china_loan"], offsetgroup="china", marker_color=CHINA_GRANT,
        hovertemplate="%{x}: US$%{y:.2f}bn<extra>China: grants and unclear</extra>",
    )
    fig.update_layout(
        barmode="group",
        bargap=0.2,
        bargroupgap=0.05,
        height=480,
        xaxis=dict(title_text="Year (US: fiscal year; China: calendar year)", dtick=2),
        yaxis=dict(title_text="US$ billions, nominal (current)", rangemode="tozero"),
        legend=dict(orientation="h", y=-0.18, yanchor="top", x=0, xanchor="left"),
        margin=dict(t=20, b=10, l=10, r=10),
    )
    return fig


def us_china_finance_comparison() -> CourseFigure:
    obligations = load("us_aid_obligations")
    by_year = load("china_finance_by_year")
    projects = load("china_finance_projects")
    recommended = projects[projects["recommended_for_research"].astype(bool)]
    by_class = recommended.groupby("flow_class")["amount_usd_nominal"].sum()
    oof_share = by_class.get("OOF-like", 0.0) / by_class.sum()
    oda_share = by_class.get("ODA-like", 0.0) / by_class.sum()
    c = comparison_series(obligations, by_year)
    table = pd.DataFrame(
        {
            "Year": c["years"],
            "US aid obligations (nominal US$ m)": [v * 1000 for v in c["us"]],
            "China loans committed (nominal US$ m)": [v * 1000 for v in c["china_loan"]],
            "China grants and unclear committed (nominal US$ m)": [v * 1000 for v in c["china_grant_other"]],
            "China projects with no amount": c["projects_without_amount"],
        }
    )
    us_total = sum(c["us"])
    china_total = sum(c["china_loan"]) + sum(c["china_grant_other"])
    first, last = min(c["years"]), max(c["years"])
    us_late = sum(v for y, v in zip(c["years"], c["us"]) if y >= 2014)
    china_late = sum(l + g for y, l, g in zip(c["years"], c["china_loan"], c["china_grant_other"]) if y >= 2014)
    description = (
        f"Side-by-side bars for each year {first}–{last}, in nominal US dollars: US aid obligations to Pakistan (blue) and "
        f"Chinese official finance commitments (vermillion: loans; light: grants and unclear flows). Over {first}–{last} the "
        f"US obligated US${us_total:.1f}bn and China committed US${china_total:.1f}bn; in 2014–{last} alone the figures were "
        f"US${us_late:.1f}bn and US${china_late:.1f}bn. The two are not the same kind of money: US obligations are aid "
        f"committed by US agencies; of the Chinese amount, AidData classes {oof_share:.0%} as OOF-like (official lending "
        f"on less concessional or commercial terms, not aid) and {oda_share:.0%} as ODA-like, and it is committed to "
        "projects that may be paid out over many years."
    )
    notes = (
        "What is comparable: both are official money committed to Pakistan in a year, in nominal US dollars. What is not: "
        "US figures are obligations of foreign assistance (ForeignAssistance.gov, US fiscal years, excluding Coalition "
        "Support Funds); Chinese figures are commitments recorded by AidData from open sources (calendar years), including "
        "loans that must be repaid with interest and other official flows that are not aid, and leaving out projects with "
        "no reported amount. Neither series shows disbursements."
    )
    return CourseFigure(
        us_china_comparison_figure(obligations, by_year),
        title=f"From 2014, China committed far more official finance to Pakistan each year than the US obligated in aid, but mostly as loans",
        description=description,
        datasets=["us_aid_obligations", "china_finance_by_year", "china_finance_projects"],
        source="ForeignAssistance.gov (US obligations); AidData, China's Public Diplomacy in South and Central Asia v1.0 (China)",
        table=table,
        notes=notes,
    )


# ---------------------------------------------------------------------------------------------------------------------
# Explorer (live kernel only)
# ---------------------------------------------------------------------------------------------------------------------
def explorer_figure(donor: str, first: int, last: int, category: str, view: str) -> go.Figure:
    """One state of the aid explorer: donor 'us' or 'china', a year range, a category and a dollar view."""
    fig = go.Figure()
    if donor == "us":
        aid = load("us_aid_by_year")
        aid = aid[aid["fiscal_year"].between(first, last)]
        suffix = "constant_fy2019" if view == "constant" else "nominal"
        for cat, color, label in (("economic", US_ECONOMIC, "Economic aid"), ("military", US_MILITARY, "Military aid")):
            if category in ("all", cat):
                fig.add_bar(name=label, x=aid["fiscal_year"].tolist(), y=(aid[f"{cat}_{suffix}_usd"] / BILLION).tolist(), marker_color=color,
                            hovertemplate="FY%{x}: US$%{y:.2f}bn<extra>%{fullData.name}</extra>")
        y_title = "US$ billions, constant FY2019" if view == "constant" else "US$ billions, nominal"
        x_title = "US fiscal year (USAID Greenbook obligations)"
    elif donor == "china":
        by_year = load("china_finance_by_year")
        by_year = by_year[by_year["commitment_year"].between(first, last)]
        column, y_title = CHINA_VIEWS[view]
        for flow, label in FLOW_TYPE_LABELS.items():
            if category in ("all", flow):
                sums = by_year[by_year["flow_type"] == flow].groupby("commitment_year")[column].sum()
                sums = sums.reindex(range(max(first, 2000), min(last, 2017) + 1), fill_value=0.0)
                fig.add_bar(name=label, x=sums.index.tolist(), y=(sums / BILLION).tolist(), marker=FLOW_TYPE_MARKERS[flow],
                            hovertemplate="%{x}: US$%{y:.2f}bn<extra>%{fullData.name}</extra>")
        x_title = "Year of commitment (AidData; commitments, not disbursements)"
    else:
        raise ValueError(f"aid explorer: donor must be 'us' or 'china', not {donor!r}")
    fig.update_layout(barmode="stack", height=440, xaxis_title_text=x_title, yaxis=dict(title_text=y_title, rangemode="tozero"),
                      legend=dict(orientation="h", y=-0.2, yanchor="top", x=0, xanchor="left", traceorder="normal"), margin=dict(t=20, b=10, l=10, r=10))
    return theme.apply(fig)


EXPLORER_STATIC_NOTE = (
    '<div class="admonition note course-explorer-note"><p class="admonition-title">Explore the data live</p>'
    "<p>The interactive explorer (choose the donor, the years, the kind of money and constant or nominal dollars) needs "
    "a running Python kernel. Open this chapter in Binder with the launch button (the rocket icon) at the top of the page, "
    "then run this cell. Above is the explorer's starting view.</p></div>"
)


class _StaticExplorer:
    """What the explorer cell shows in the static website: the default chart and a note, never a dead widget."""

    def __init__(self, figure: CourseFigure) -> None:
        self.figure = figure
        self.note_html = EXPLORER_STATIC_NOTE

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(self.figure)
        display(HTML(self.note_html))

    def __repr__(self) -> str:
        return f"aid_explorer (static): {self.figure!r}"


def aid_explorer():
    """An ipywidgets explorer of US aid and Chinese official finance (live kernel); in the book, the default chart + a note."""
    if book_build():
        return _StaticExplorer(us_aid_by_year())

    import ipywidgets as widgets
    import plotly.io as pio

    years = {"us": (1948, 2019), "china": (2000, 2017)}
    categories = {
        "us": [("Economic and military", "all"), ("Economic only", "economic"), ("Military only", "military")],
        "china": [("All flows", "all"), ("Loans only", "loan"), ("Grants only", "grant"), ("Unclear type only", "other")],
    }
    donor = widgets.ToggleButtons(options=[("United States (aid obligations)", "us"), ("China (official finance commitments)", "china")],
                                  value="us", description="Donor")
    year_range = widgets.IntRangeSlider(value=years["us"], min=1948, max=2019, step=1, description="Years", continuous_update=False,
                                        layout=widgets.Layout(width="95%"))
    category = widgets.Dropdown(options=categories["us"], value="all", description="Money")
    view = widgets.RadioButtons(options=[("Constant dollars", "constant"), ("Nominal dollars", "nominal")], value="constant", description="Dollars")
    output = widgets.Output()
    caption = widgets.HTML()

    def redraw(*_):
        output.clear_output(wait=True)
        base = "FY2019" if donor.value == "us" else "2017"
        caption.value = (
            f"<p>{'US obligations (USAID Greenbook)' if donor.value == 'us' else 'Chinese commitments, not disbursements (AidData)'}; "
            f"{'constant ' + base + ' US$' if view.value == 'constant' else 'nominal US$'}.</p>"
        )
        with output:
            pio.show(explorer_figure(donor.value, *year_range.value, category.value, view.value), renderer="plotly_mimetype")

    def change_donor(change):
        low, high = years[change["new"]]
        year_range.unobserve(redraw, names="value")
        category.unobserve(redraw, names="value")
        year_range.min, year_range.max = min(low, year_range.min), max(high, year_range.max)
        year_range.value = (low, high)
        year_range.min, year_range.max = low, high
        category.options = categories[change["new"]]
        category.value = "all"
        year_range.observe(redraw, names="value")
        category.observe(redraw, names="value")
        redraw()

    donor.observe(change_donor, names="value")
    for control in (year_range, category, view):
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([donor, year_range, category, view, caption, output])
    return box
