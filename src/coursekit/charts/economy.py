"""Charts of trade, remittances, debt and the economy. Each builder returns a :class:`coursekit.CourseFigure`.

Every number drawn comes from a table loaded with :func:`coursekit.load`; builders only select, sum or divide by a
power of ten (and say so). Compiled single-year figures are drawn as separate markers, never joined into a line.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..data import DataError, load
from ..figures import CourseFigure
from ..theme import COLORS, MUTED_TEXT_COLOR

PROJECTION_START = 2025  # first IDS projection year in debt_service_by_creditor (last actual year 2024)
UAE_PREFIX = "U. A. E. "  # SBP lists the UAE emirate by emirate
UAE_NAME = "UAE (all emirates)"
SHORT_NAMES = {"Netherlands (Holland)": "Netherlands"}  # shorter axis labels, so the chart fits a phone
TOP_PARTNERS = 8

# The SBP periods the trade chart offers, in button order: (fiscal year, months, label).
TRADE_PERIODS = [
    ("FY2024-25", "Jul-Jun", "FY2024-25 (July–June)"),
    ("FY2023-24", "Jul-Jun", "FY2023-24 (July–June)"),
    ("FY2025-26", "Jul-Mar", "FY2025-26, July–March only (partial, provisional)"),
]


def country_color(name: str) -> str:
    """The course colour for a country name as it appears in the tables."""
    if name == "United States":
        return COLORS["us"]
    if name == "China":
        return COLORS["china"]
    if name == "Pakistan":
        return COLORS["pakistan"]
    return COLORS["other"]


def _bn(value_million: float) -> str:
    return f"${value_million / 1000:,.1f} bn"


def _range_bn(values: pd.Series) -> str:
    """'$2.0 bn' for one distinct value (after rounding), '$2.0–2.1 bn' for several."""
    low, high = f"{values.min() / 1000:,.1f}", f"{values.max() / 1000:,.1f}"
    return f"${low} bn" if low == high else f"${low}–{high} bn"


# -- trade -------------------------------------------------------------------------------------------------------------

def _partner_values(trade: pd.DataFrame, fiscal_year: str, months: str, flow: str) -> pd.DataFrame:
    """Partners ranked by value for one period and flow, with the UAE's emirates summed into one row."""
    rows = trade[(trade["fiscal_year"] == fiscal_year) & (trade["months"] == months) & (trade["flow"] == flow)]
    if rows.empty:
        raise DataError(f"trade_by_country: no {flow} rows for {fiscal_year} {months}")
    names = rows["country"].where(~rows["country"].str.startswith(UAE_PREFIX), UAE_NAME).replace(SHORT_NAMES)
    summed = rows.assign(country=names).groupby("country", as_index=False)["value_usd_million"].sum()
    total = rows["value_usd_million"].sum()
    summed["share_pct"] = 100 * summed["value_usd_million"] / total
    return summed.sort_values("value_usd_million", ascending=False).reset_index(drop=True), total


def trade_partners() -> CourseFigure:
    trade = load("trade_by_country")
    fig = make_subplots(
        rows=2, cols=1, vertical_spacing=0.16,
        subplot_titles=("Exports (receipts)", "Imports (payments)"),
    )
    table_rows = []
    facts = {}
    for index, (fiscal_year, months, label) in enumerate(TRADE_PERIODS):
        for row, flow in ((1, "exports"), (2, "imports")):
            ranked, total = _partner_values(trade, fiscal_year, months, flow)
            top = ranked.head(TOP_PARTNERS).iloc[::-1]  # largest at the top of a horizontal bar chart
            facts[(fiscal_year, flow)] = (ranked, total)
            fig.add_trace(
                go.Bar(
                    x=top["value_usd_million"] / 1000,
                    y=top["country"],
                    orientation="h",
                    marker_color=[country_color(c) for c in top["country"]],
                    text=[f"{v / 1000:.1f} ({s:.0f}%)" for v, s in zip(top["value_usd_million"], top["share_pct"])],
                    textposition="outside",
                    cliponaxis=False,
                    name=f"{flow}, {label}",
                    showlegend=False,
                    visible=index == 0,
                    textfont=dict(size=13),
                    hovertemplate="%{y}: $%{x:.2f} bn<extra>" + f"{flow}, {label}" + "</extra>",
                ),
                row=row, col=1,
            )
            for rank, record in enumerate(ranked.head(TOP_PARTNERS).itertuples(), start=1):
                table_rows.append(
                    {
                        "Period": label,
                        "Flow": flow,
                        "Rank": rank,
                        "Partner": record.country,
                        "Value (US$ million, nominal)": round(record.value_usd_million, 1),
                        "Share of all countries (%)": round(record.share_pct, 1),
                    }
                )
    traces_per_period = 2
    buttons = []
    for index, (_, _, label) in enumerate(TRADE_PERIODS):
        visible = [i // traces_per_period == index for i in range(traces_per_period * len(TRADE_PERIODS))]
        buttons.append(dict(label=label.replace(", July–March only (partial, provisional)", " Jul–Mar (partial)").replace(" (July–June)", ""),
                            method="update", args=[{"visible": visible}]))
    fig.update_layout(
        height=720,
        margin=dict(t=100, r=20),
        updatemenus=[dict(type="dropdown", direction="down", buttons=buttons, x=0, xanchor="left", y=1.07, yanchor="bottom",
                          showactive=True, font=dict(size=14))],
    )
    # Room to the right of the longest bar for its label, so labels are never clipped on a narrow screen.
    for row, flow in ((1, "exports"), (2, "imports")):
        longest = max(facts[(fy, flow)][0]["value_usd_million"].max() for fy, _, _ in TRADE_PERIODS) / 1000
        fig.update_xaxes(range=[0, longest * 1.45], row=row, col=1)
    fig.update_xaxes(title_text="US$ billion (share of all)", row=2, col=1)
    fig.update_xaxes(title_text="US$ billion (nominal)", row=1, col=1)
    fig.update_annotations(font_size=15)

    us_x, us_total = facts[("FY2024-25", "exports")]
    cn_m, m_total = facts[("FY2024-25", "imports")]
    us = us_x[us_x["country"] == "United States"].iloc[0]
    cn_x = us_x[us_x["country"] == "China"].iloc[0]
    cn = cn_m[cn_m["country"] == "China"].iloc[0]
    us_m = cn_m[cn_m["country"] == "United States"]
    us_m_text = f"{_bn(us_m.iloc[0].value_usd_million)} ({us_m.iloc[0].share_pct:.0f}%)" if not us_m.empty else "not among the partners"
    partial_x, _ = facts[("FY2025-26", "exports")]
    partial_m, _ = facts[("FY2025-26", "imports")]
    us_partial = partial_x[partial_x["country"] == "United States"].iloc[0]
    cn_partial = partial_m[partial_m["country"] == "China"].iloc[0]
    description = (
        f"Horizontal bars of the State Bank of Pakistan's export receipts and import payments by partner country. In FY2024-25 "
        f"the United States paid for {_bn(us.value_usd_million)} of Pakistan's exports ({us.share_pct:.0f}% of all countries), "
        f"far ahead of China at {_bn(cn_x.value_usd_million)} ({cn_x.share_pct:.0f}%). On the import side China received "
        f"{_bn(cn.value_usd_million)} ({cn.share_pct:.0f}% of all payments), while the United States received {us_m_text}. "
        f"In July–March of FY2025-26 (partial, provisional) the pattern held: the US took {us_partial.share_pct:.0f}% of "
        f"export receipts and China {cn_partial.share_pct:.0f}% of import payments."
    )
    return CourseFigure(
        fig,
        title="The United States is Pakistan's biggest export market, while China is by far its biggest source of imports",
        description=description,
        datasets=["trade_by_country"],
        source="State Bank of Pakistan, Export Receipts and Import Payments by All Countries",
        table=pd.DataFrame(table_rows),
        notes=(
            "Banking-channel receipts and payments in nominal US dollars, not customs data. Pakistan's fiscal year runs July–June; "
            "FY2025-26 covers July–March only and is provisional, so its values are not comparable with whole years (shares are). "
            "The UAE's emirates, listed separately by SBP, are summed here. Shares are of the sum of all countries."
        ),
    )


def _fy_position(fiscal_year: str) -> float:
    """Middle of a July–June fiscal year on a calendar axis: FY2020-21 -> 2021.0 (1 January 2021)."""
    return float(int(fiscal_year[2:6]) + 1)


def exports_to_us_china() -> CourseFigure:
    compiled = load("exports_to_us_china")
    spot = load("trade_spot_values")
    trade = load("trade_by_country")

    points = []
    for row in compiled[~compiled["doubtful"]].itertuples():
        points.append((row.partner, row.fiscal_year, row.value_usd_million, bool(row.lower_bound),
                       f"quoted figure ({row.data_source_named_on_page})", row.source_url))
    # Full fiscal years from the other two tables that the compiled file leaves to them (no fiscal year is drawn twice
    # from the same kind of source).
    have = {(p[0], p[1]) for p in points}
    for row in spot[(spot["period_type"].str.startswith("fiscal")) & (spot["flow"] == "exports")].itertuples():
        if (row.partner, row.period) not in have:
            points.append((row.partner, row.period, row.value_usd_million, False, f"quoted figure ({row.reporting_source})", row.source_url))
            have.add((row.partner, row.period))
    sbp_file = trade[(trade["flow"] == "exports") & trade["complete_fiscal_year"] & trade["country"].isin(["United States", "China"])]
    for row in sbp_file.itertuples():
        points.append((row.country, row.fiscal_year, row.value_usd_million, False, "SBP by-country file (2026 vintage)", None))
    frame = pd.DataFrame(points, columns=["partner", "fiscal_year", "value_usd_million", "lower_bound", "source", "url"])
    frame = frame.sort_values(["partner", "fiscal_year", "source"]).reset_index(drop=True)

    fig = go.Figure()
    for partner, key in (("United States", "us"), ("China", "china")):
        for from_file in (False, True):
            part = frame[(frame["partner"] == partner) & (frame["source"].str.startswith("SBP by-country") == from_file)]
            if part.empty:
                continue
            symbols = ["square" if from_file else ("triangle-up" if lb else "circle") for lb in part["lower_bound"]]
            fig.add_trace(
                go.Scatter(
                    x=part["fiscal_year"].map(_fy_position),
                    y=part["value_usd_million"] / 1000,
                    mode="markers",
                    marker=dict(color=COLORS[key], size=12 if from_file else 11, symbol=symbols,
                                line=dict(color="white", width=1)),
                    name=("US" if partner == "United States" else partner) + (": SBP file (2026)" if from_file else ": quoted figures"),
                    customdata=part[["fiscal_year", "source"]],
                    hovertemplate="%{customdata[0]}: $%{y:.2f} bn<br>%{customdata[1]}<extra>" + partner + "</extra>",
                )
            )
    years = range(2007, 2026)
    fig.update_layout(
        height=480,
        yaxis=dict(title_text="Exports, US$ billion (nominal)", rangemode="tozero"),
        xaxis=dict(title_text="Fiscal year (FY07 = July 2006–June 2007)", tickmode="array", tickvals=[y for y in years if y % 2 == 1],
                   ticktext=[f"FY{y % 100:02d}" for y in years if y % 2 == 1], range=[2006.3, 2025.7]),
        legend=dict(y=-0.25),
    )
    both = frame.groupby(["fiscal_year", "partner"])["value_usd_million"].first().unstack()
    both = both.dropna()
    ratios = (both["United States"] / both["China"])
    doubtful = compiled[compiled["doubtful"]]
    description = (
        f"Markers, not lines, for each fiscal year with a published figure: {len(frame)} values from {frame['fiscal_year'].nunique()} "
        f"fiscal years between {frame['fiscal_year'].min()} and {frame['fiscal_year'].max()}, with gaps where no figure was found. "
        f"In the {len(both)} fiscal years with figures for both partners, exports to the United States were {ratios.min():.1f} to "
        f"{ratios.max():.1f} times exports to China; in FY2024-25 (SBP) they were {_bn(both.loc['FY2024-25', 'United States'])} "
        f"and {_bn(both.loc['FY2024-25', 'China'])}."
    )
    table = frame.assign(**{"Value (US$ million, nominal)": frame["value_usd_million"].round(1)})[
        ["partner", "fiscal_year", "Value (US$ million, nominal)", "lower_bound", "source", "url"]
    ].rename(columns={"partner": "Partner", "fiscal_year": "Fiscal year (Jul–Jun)", "lower_bound": "Lower bound only",
                      "source": "Source", "url": "Page quoting it"})
    return CourseFigure(
        fig,
        title="In every year with figures for both, Pakistan exported two to three times as much to the United States as to China",
        description=description,
        datasets=["exports_to_us_china", "trade_spot_values", "trade_by_country"],
        source="State Bank of Pakistan, Pakistan Bureau of Statistics and TDAP figures as quoted by APP, The Nation, Profit and others; SBP by-country file",
        table=table,
        notes=(
            "Compiled single values, not a published series: sources (SBP banking data, PBS customs data, TDAP) and vintages differ, "
            "so small differences between neighbouring years mean little. A triangle marks a lower bound ('more than'). "
            f"The FY2014-15 China figure ({_bn(doubtful['value_usd_million'].iloc[0]) if len(doubtful) else 'n/a'}, one page) is "
            "left out as doubtful. Nominal US dollars."
        ),
    )


def trade_with_china_sources() -> CourseFigure:
    spot = load("trade_spot_values")
    compiled = load("exports_to_us_china")
    trade = load("trade_by_country")
    rows = []
    for r in spot[spot["partner"] == "China"].itertuples():
        if r.flow == "total trade":
            continue
        calendar = r.period_type.startswith("calendar")
        rows.append((r.flow, r.reporting_source, r.period, (int(r.period) + 0.5) if calendar else _fy_position(r.period),
                     r.value_usd_million, "calendar year" if calendar else "fiscal year", r.source_url))
    for r in compiled[(compiled["partner"] == "China") & ~compiled["doubtful"] & ~compiled["lower_bound"]].itertuples():
        rows.append(("exports", f"{r.data_source_named_on_page} (quoted)", r.fiscal_year, _fy_position(r.fiscal_year),
                     r.value_usd_million, "fiscal year", r.source_url))
    for r in trade[(trade["country"] == "China") & trade["complete_fiscal_year"]].itertuples():
        rows.append((r.flow, "SBP by-country file", r.fiscal_year, _fy_position(r.fiscal_year), r.value_usd_million, "fiscal year", None))
    frame = pd.DataFrame(rows, columns=["flow", "reporter", "period", "x", "value_usd_million", "period_type", "url"])
    frame["china_customs"] = frame["reporter"].str.startswith("China customs")

    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=("Pakistan's exports to China", "Pakistan's imports from China"))
    for row, flow in ((1, "exports"), (2, "imports")):
        for china_side in (True, False):
            part = frame[(frame["flow"] == flow) & (frame["china_customs"] == china_side)]
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=part["x"], y=part["value_usd_million"] / 1000, mode="markers",
                    marker=dict(color=COLORS["china"] if china_side else COLORS["pakistan"], size=10,
                                symbol="diamond" if china_side else "circle", line=dict(color="white", width=1)),
                    # A horizontal bar shows the twelve months each figure covers: calendar and fiscal years overlap by half.
                    error_x=dict(type="constant", value=0.5, thickness=3, width=4),
                    name=("China's customs (calendar year)" if china_side else "Pakistani agencies (fiscal year, Jul–Jun)"),
                    legendgroup="china" if china_side else "pakistan",
                    showlegend=row == 1,
                    customdata=part[["reporter", "period"]],
                    hovertemplate="%{customdata[1]}: $%{y:.2f} bn<br>%{customdata[0]}<extra></extra>",
                ),
                row=row, col=1,
            )
    fig.update_layout(height=620, legend=dict(y=-0.12))
    fig.update_yaxes(title_text="US$ billion", rangemode="tozero")
    fig.update_xaxes(dtick=4, tick0=2006)
    fig.update_xaxes(row=2, col=1, title_text="Year (bar = the 12 months covered)")

    # Compare each China-customs calendar year with Pakistan's figures for the two fiscal years that overlap it.
    exports = frame[frame["flow"] == "exports"]
    comparisons = []
    for r in exports[exports["china_customs"]].itertuples():
        year = int(r.period)
        overlapping = exports[~exports["china_customs"] & exports["period"].isin([f"FY{year - 1}-{year % 100:02d}", f"FY{year}-{(year + 1) % 100:02d}"])]
        if overlapping.empty:
            continue
        if r.value_usd_million <= overlapping["value_usd_million"].max():
            raise DataError(f"trade_spot_values: China customs' {year} exports figure is not above Pakistan's overlapping figures; the chart title no longer holds")
        pakistani = " and ".join(f"{_range_bn(g['value_usd_million'])} for {fy}" for fy, g in overlapping.groupby("period"))
        comparisons.append(f"calendar {year}: {_bn(r.value_usd_million)} by China's customs against {pakistani} by Pakistani agencies")
    if not comparisons:
        raise DataError("trade_spot_values / exports_to_us_china: no China-customs year overlaps a Pakistani fiscal-year figure")
    imports_fy25 = frame[(frame["flow"] == "imports") & (frame["period"] == "FY2024-25")]["value_usd_million"]
    description = (
        "Markers for single-year figures of Pakistan's exports to and imports from China, coloured by who reported them; a "
        "horizontal bar shows the twelve months each figure covers. Pakistan's exports to China, "
        + "; ".join(comparisons)
        + (f". Imports from China were {_bn(imports_fy25.iloc[0])} in FY2024-25 by SBP's count." if not imports_fy25.empty else ".")
    )
    table = frame.sort_values(["flow", "x", "reporter"])[["flow", "period", "period_type", "reporter", "value_usd_million", "url"]].rename(
        columns={"flow": "Flow (Pakistan's view)", "period": "Period", "period_type": "Period type", "reporter": "Reported by",
                 "value_usd_million": "Value (US$ million, nominal)", "url": "Page quoting it"}
    )
    table["Value (US$ million, nominal)"] = table["Value (US$ million, nominal)"].round(1)
    return CourseFigure(
        fig,
        title="China's customs counts more Pakistani exports to China than Pakistan's own statistics do",
        description=description,
        datasets=["trade_spot_values", "exports_to_us_china", "trade_by_country"],
        source="China customs (GACC) and SBP/PBS/TDAP figures as quoted on published pages; SBP by-country file",
        table=table.reset_index(drop=True),
        notes=(
            "Single figures from different agencies, periods and definitions, shown side by side and never joined into a series. "
            "China's customs records goods by calendar year at China's border; SBP records bank payments by July–June fiscal year; "
            "PBS records Pakistan's customs. Some news items describe SBP figures as goods and services. Nominal US dollars."
        ),
    )


# -- remittances -------------------------------------------------------------------------------------------------------

def complete_fiscal_year_totals(remittances: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Sum monthly remittances by fiscal year and source, keeping only fiscal years with all 12 months."""
    months = remittances.groupby("fiscal_year")["month"].nunique()
    complete = sorted(months[months == 12].index)
    partial = sorted(months[months != 12].index)
    kept = remittances[remittances["fiscal_year"].isin(complete)]
    totals = kept.groupby(["fiscal_year", "source_country"], as_index=False)["value_usd_million"].sum()
    return totals, partial


def remittances_by_country() -> CourseFigure:
    remittances = load("remittances_by_country")
    totals, partial = complete_fiscal_year_totals(remittances)
    wide = totals.pivot(index="fiscal_year", columns="source_country", values="value_usd_million").sort_index()
    listed = [c for c in wide.columns if c != "All countries (total)"]
    wide["Rest of the world (total minus listed)"] = wide["All countries (total)"] - wide[listed].sum(axis=1)
    last, first = wide.index[-1], wide.index[0]
    # Bars for the latest complete fiscal year, largest at the top; a marker shows the first complete year for comparison.
    order = wide.loc[last].drop("All countries (total)").sort_values().index
    short = {"Rest of the world (total minus listed)": "Rest of the world*", "United Arab Emirates": "UAE",
             "Other GCC countries": "Other Gulf (GCC)", "European Union": "EU", "United Kingdom": "UK"}
    labels = [short.get(name, name) for name in order]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=wide.loc[last, order] / 1000, y=labels, orientation="h", name=last, showlegend=False,
            marker_color=[COLORS["us"] if name == "United States" else COLORS["other"] for name in order],
            text=[f"{v / 1000:.1f}" for v in wide.loc[last, order]], textposition="outside", cliponaxis=False,
            textfont=dict(size=14), hovertemplate="%{y}: $%{x:.2f} bn<extra>" + last + "</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=wide.loc[first, order] / 1000, y=labels, mode="markers", name=first, showlegend=False,
            marker=dict(symbol="line-ns", size=22, line=dict(width=3, color="#222222")),
            hovertemplate="%{y}: $%{x:.2f} bn<extra>" + first + "</extra>",
        )
    )
    fig.update_layout(
        height=480,
        xaxis=dict(title_text=f"US$ bn: bars {last}, ticks {first}", range=[0, wide.loc[last, order].max() / 1000 * 1.2]),
    )
    gulf = ["Saudi Arabia", "United Arab Emirates", "Other GCC countries"]
    gulf_share = 100 * wide.loc[last, gulf].sum() / wide.loc[last, "All countries (total)"]
    if gulf_share <= 50:
        raise DataError(f"remittances_by_country: the Gulf's share in {last} is {gulf_share:.0f}%, so the chart title no longer holds")
    us_last, total_last = wide.loc[last, "United States"], wide.loc[last, "All countries (total)"]
    description = (
        f"Horizontal bars of workers' remittances by source country in {last}, summed from SBP's monthly figures, with a tick for "
        f"{first}; the table has every complete July–June fiscal year. Saudi Arabia, the UAE and other Gulf (GCC) countries "
        f"together sent {gulf_share:.0f}% of the total in {last}. In {last} Pakistan received {_bn(total_last)} in total (up from {_bn(wide.loc[first, 'All countries (total)'])} "
        f"in {first}): Saudi Arabia {_bn(wide.loc[last, 'Saudi Arabia'])}, the UAE {_bn(wide.loc[last, 'United Arab Emirates'])}, "
        f"the UK {_bn(wide.loc[last, 'United Kingdom'])}, the EU {_bn(wide.loc[last, 'European Union'])} and the United States "
        f"{_bn(us_last)} ({100 * us_last / total_last:.0f}% of the total). China is not listed as a source in SBP's series."
    )
    table = wide.reset_index().melt(id_vars="fiscal_year", var_name="Source", value_name="US$ million (nominal)")
    table["US$ million (nominal)"] = table["US$ million (nominal)"].round(1)
    table = table.rename(columns={"fiscal_year": "Fiscal year (Jul–Jun)"})
    return CourseFigure(
        fig,
        title=(f"More than half of Pakistan's remittances come from the Gulf ({gulf_share:.0f}% in {last}); the United States "
               f"sends about a tenth ({100 * us_last / total_last:.0f}%)"),
        description=description,
        datasets=["remittances_by_country"],
        source="State Bank of Pakistan, workers' remittances by country (monthly)",
        table=table,
        notes=(
            f"Only complete fiscal years are summed; {', '.join(partial)} are partial in the monthly file (it runs August 2021 – "
            "July 2026) and are left out. *Rest of the world is the total minus the listed sources (SBP does not list China "
            "separately). Nominal US dollars."
        ),
    )


def remittances_total() -> CourseFigure:
    wdi = load("remittances_total").sort_values("year")
    fig = go.Figure(
        go.Bar(x=wdi["year"], y=wdi["value_usd"] / 1e9, marker_color=COLORS["pakistan"], name="Remittances received",
               hovertemplate="%{x}: $%{y:.2f} bn<extra></extra>")
    )
    fig.update_layout(height=440, yaxis=dict(title_text="US$ billion (current, nominal)"), xaxis=dict(title_text="Calendar year", dtick=5))
    first, last = wdi.iloc[0], wdi.iloc[-1]
    y2000 = wdi[wdi["year"] == 2000]["value_usd"]
    description = (
        f"Bars of personal remittances received by Pakistan each year, World Bank data in current US dollars: "
        f"${first.value_usd / 1e9:.1f} billion in {int(first.year)}"
        + (f", ${y2000.iloc[0] / 1e9:.1f} billion in 2000" if not y2000.empty else "")
        + f" and ${last.value_usd / 1e9:.1f} billion in {int(last.year)}, the highest year in the series."
    )
    if last.value_usd < wdi["value_usd"].max():
        description = description.replace(", the highest year in the series", "")
    table = pd.DataFrame({"Year": wdi["year"], "Remittances received (US$ billion, current)": (wdi["value_usd"] / 1e9).round(3)})
    return CourseFigure(
        fig,
        title=f"Remittances to Pakistan grew from ${first.value_usd / 1e9:.1f} billion in {int(first.year)} to ${last.value_usd / 1e9:.1f} billion in {int(last.year)}",
        description=description,
        datasets=["remittances_total"],
        source="World Bank, World Development Indicators (BX.TRF.PWKR.CD.DT)",
        table=table,
        notes="Current (nominal) US dollars, calendar years; not adjusted for inflation. This WDI copy ends in 2020.",
    )


# -- debt --------------------------------------------------------------------------------------------------------------

def debt_service_by_creditor() -> CourseFigure:
    debt = load("debt_service_by_creditor")
    debt = debt.assign(total=debt["interest_usd"].fillna(0) + debt["principal_usd"].fillna(0))
    wide = debt.pivot(index="year", columns="creditor", values="total").sort_index()
    for needed in ("China", "All creditors"):
        if needed not in wide.columns:
            raise DataError(f"debt_service_by_creditor: no rows for creditor '{needed}'")
    china = wide["China"].fillna(0)
    others = wide["All creditors"] - china
    projection = wide.index >= PROJECTION_START
    fig = go.Figure()
    for label, values, color in (("China", china, COLORS["china"]), ("All other creditors", others, COLORS["other"])):
        for is_projection in (False, True):
            mask = projection == is_projection
            fig.add_trace(
                go.Bar(
                    x=wide.index[mask], y=values[mask] / 1e9, name=label + (" (projected)" if is_projection else ""),
                    marker=dict(color=color, pattern=dict(shape="/" if is_projection else "", fillmode="overlay", fgcolor="white", size=7)),
                    legendgroup=label, hovertemplate="%{x}: $%{y:.2f} bn<extra>" + label + (" (projected)" if is_projection else "") + "</extra>",
                )
            )
    fig.add_vline(x=PROJECTION_START - 0.5, line=dict(color=MUTED_TEXT_COLOR, dash="dash", width=1.5))
    fig.add_annotation(x=PROJECTION_START - 0.4, y=1.01, yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                       text="Projected →", font=dict(size=13, color=MUTED_TEXT_COLOR))
    fig.add_annotation(x=PROJECTION_START - 0.6, y=1.01, yref="paper", xanchor="right", yanchor="bottom", showarrow=False,
                       text="← Actual", font=dict(size=13, color=MUTED_TEXT_COLOR))
    fig.update_layout(barmode="stack", height=500, yaxis=dict(title_text="US$ billion (current, nominal)"),
                      xaxis=dict(title_text="Calendar year", dtick=5, range=[wide.index.min() - 0.6, wide.index.max() + 0.6]),
                      legend=dict(y=-0.2, traceorder="normal"), margin=dict(t=50))
    share = 100 * china / wide["All creditors"]
    early = share[(share.index >= 2002) & (share.index <= 2009)]
    recent = share[(share.index >= 2019) & (share.index < PROJECTION_START)]
    peak_year = int(share[~projection].idxmax())
    description = (
        f"Stacked bars of debt service (interest plus principal) on Pakistan's public and publicly guaranteed external debt, China "
        f"against all other creditors. China's share was under {early.max():.0f}% each year in 2002–2009 and {recent.min():.0f}–"
        f"{recent.max():.0f}% in 2019–{PROJECTION_START - 1}, peaking at {share[peak_year]:.0f}% ({_bn(china[peak_year] / 1e6)} of "
        f"{_bn(wide.loc[peak_year, 'All creditors'] / 1e6)}) in {peak_year}. The World Bank's projection for {PROJECTION_START}, on debt "
        f"outstanding at end-{PROJECTION_START - 1}, is {_bn(china[PROJECTION_START] / 1e6)} to China of "
        f"{_bn(wide.loc[PROJECTION_START, 'All creditors'] / 1e6)} in total ({share[PROJECTION_START]:.0f}%)."
    )
    table = pd.DataFrame({
        "Year": wide.index,
        "Actual or projected": ["projected" if p else "actual" for p in projection],
        "China (US$ million)": (china / 1e6).round(1).values,
        "All other creditors (US$ million)": (others / 1e6).round(1).values,
        "China's share (%)": share.round(1).values,
    })
    return CourseFigure(
        fig,
        title=f"China's share of Pakistan's public external debt service rose from under {early.max():.0f}% a year in 2002–2009 to {recent.min():.0f}–{recent.max():.0f}% in 2019–{PROJECTION_START - 1}",
        description=description,
        datasets=["debt_service_by_creditor"],
        source="World Bank, International Debt Statistics, processed by the ONE Campaign",
        table=table,
        notes=(
            f"Bars from {PROJECTION_START} on (hatched) are World Bank projections of payments due on debt outstanding at end-"
            f"{PROJECTION_START - 1}, not payments made; rollovers and new loans change them. Public and publicly guaranteed long-term "
            "debt only: IMF credit, short-term and private non-guaranteed debt are excluded. Calendar years, current US dollars."
        ),
    )


def china_debt_share_estimates() -> CourseFigure:
    estimates = load("external_debt_china_share").sort_values("china_share_pct").reset_index(drop=True)
    labels = [f"{r.estimate_by.split(',')[0]}<br>({r.as_of})" for r in estimates.itertuples()]
    fig = go.Figure(
        go.Bar(
            x=estimates["china_share_pct"], y=labels, orientation="h", marker_color=COLORS["china"],
            text=estimates["share_as_quoted"], textposition="outside", cliponaxis=False, textfont=dict(color="#222222", size=14),
            customdata=estimates[["reported_by", "publication", "what_is_counted"]],
            hovertemplate="%{y}: %{x}%<br>%{customdata[2]}<br>%{customdata[1]}, reported by %{customdata[0]}<extra></extra>",
        )
    )
    fig.update_layout(height=120 + 70 * len(estimates), xaxis=dict(title_text="China's share (%)", range=[0, 40]),
                      margin=dict(r=40))
    low, high = estimates.iloc[0], estimates.iloc[-1]
    parts = "; ".join(
        f"{r.estimate_by} ({r.as_of}): {r.share_as_quoted} ({r.what_is_counted}; reported by {r.reported_by})"
        for r in estimates.itertuples()
    )
    table = estimates[["estimate_by", "publication", "as_of", "china_share_pct", "share_as_quoted", "china_debt_as_quoted",
                       "total_debt_as_quoted", "what_is_counted", "reported_by", "source_url"]].rename(columns={
        "estimate_by": "Estimate by", "publication": "Report or statement", "as_of": "As of", "china_share_pct": "China's share (%)",
        "share_as_quoted": "As quoted", "china_debt_as_quoted": "Owed to China", "total_debt_as_quoted": "Total",
        "what_is_counted": "What is counted", "reported_by": "Reported by", "source_url": "Page"})
    return CourseFigure(
        fig,
        title=f"Estimates of China's share of Pakistan's external debt range from {low.china_share_pct:.0f}% to {high.china_share_pct:.0f}%, because they count different debts",
        description=f"Horizontal bars, one per published estimate, from {low.china_share_pct:.0f}% to {high.china_share_pct:.0f}%. {parts}.",
        datasets=["external_debt_china_share"],
        source="World Bank International Debt Reports 2024 and 2025; IMF staff reports 2019 and 2022; Chinese consul general (2024); as reported by the pages listed in the table",
        table=table,
        notes=(
            "Single estimates for different dates and definitions, not a time series. The lower figures count Chinese "
            "government debt only or public debt; the highest adds loans from Chinese state-owned commercial banks. Only the "
            "World Bank's 22% was confirmed by a second independent report."
        ),
    )


# -- context -----------------------------------------------------------------------------------------------------------

def gdp_population_context() -> CourseFigure:
    gdp = load("gdp").sort_values("year")
    population = load("population").sort_values("year")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        subplot_titles=("GDP, US$ billion (current, nominal)", "Population, millions (mid-year estimate)"))
    fig.add_trace(go.Scatter(x=gdp["year"], y=gdp["gdp_usd"] / 1e9, mode="lines", line=dict(color=COLORS["pakistan"], width=3),
                             name="GDP", hovertemplate="%{x}: $%{y:.1f} bn<extra>GDP</extra>"), row=1, col=1)
    fig.add_trace(go.Scatter(x=population["year"], y=population["population"] / 1e6, mode="lines",
                             line=dict(color=COLORS["pakistan"], width=3), name="Population",
                             hovertemplate="%{x}: %{y:.1f} million<extra>Population</extra>"), row=2, col=1)
    fig.update_layout(height=560, showlegend=False)
    fig.update_xaxes(dtick=10)
    fig.update_xaxes(row=2, col=1, title_text="Calendar year")
    fig.update_yaxes(rangemode="tozero")
    g0, g1 = gdp.iloc[0], gdp.iloc[-1]
    p0, p1 = population.iloc[0], population.iloc[-1]
    common = int(min(g1.year, p1.year))
    per_head = gdp.set_index("year").loc[common, "gdp_usd"] / population.set_index("year").loc[common, "population"]
    description = (
        f"Two line charts. GDP in current US dollars rose from ${g0.gdp_usd / 1e9:.1f} billion in {int(g0.year)} to "
        f"${g1.gdp_usd / 1e9:.0f} billion in {int(g1.year)}; the population grew from {p0.population / 1e6:.1f} million in "
        f"{int(p0.year)} to {p1.population / 1e6:.1f} million in {int(p1.year)}. GDP divided by population was about "
        f"${per_head:,.0f} per person in {common}."
    )
    table = gdp.merge(population, on="year", how="outer").sort_values("year")
    table = pd.DataFrame({"Year": table["year"], "GDP (US$ billion, current)": (table["gdp_usd"] / 1e9).round(2),
                          "Population (millions)": (table["population"] / 1e6).round(2)})
    return CourseFigure(
        fig,
        title=f"Pakistan's population grew about {p1.population / p0.population:.1f}-fold since {int(p0.year)}, to {p1.population / 1e6:.0f} million; its GDP reached ${g1.gdp_usd / 1e9:.0f} billion in {int(g1.year)}",
        description=description,
        datasets=["gdp", "population"],
        source="World Bank, World Development Indicators (NY.GDP.MKTP.CD, SP.POP.TOTL), via Datahub",
        table=table,
        notes=(
            "GDP is in current (nominal) US dollars, so it moves with inflation and the exchange rate as well as real growth. "
            "Population is the World Bank's mid-year estimate (247.5 million in 2023, against 241.5 million counted by the 2023 census)."
        ),
    )
