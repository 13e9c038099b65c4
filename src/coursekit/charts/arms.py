"""Charts of arms transfers to Pakistan (SIPRI trend-indicator values)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..data import load
from ..figures import CourseFigure

COLORS = theme.COLORS
# Supplier groups, in drawing order (bottom to top), with their fixed colours.
GROUPS = {"China": COLORS["china"], "United States": COLORS["us"], "All other suppliers": COLORS["other"]}
SOURCE = "SIPRI Arms Transfers Database, trend-indicator values, data generated 28 July 2022"
TIV_NOTE = (
    "SIPRI trend-indicator values (TIV) measure the volume of major conventional weapons delivered, priced by "
    "production cost and capability, not what Pakistan paid; they are not dollars. Small arms and most services are "
    "not covered. SIPRI revises past values with each release."
)


def supplier_group(supplier: str) -> str:
    return supplier if supplier in ("China", "United States") else "All other suppliers"


def by_group_and_year(arms: pd.DataFrame) -> pd.DataFrame:
    """TIV millions by year (rows, every year of the table's range) and supplier group (columns)."""
    grouped = arms.assign(group=arms["supplier"].map(supplier_group)).pivot_table(
        index="year", columns="group", values="tiv_millions", aggfunc="sum", fill_value=0.0
    )
    years = range(int(arms["year"].min()), int(arms["year"].max()) + 1)
    return grouped.reindex(index=years, columns=list(GROUPS), fill_value=0.0)


def five_year_windows(arms: pd.DataFrame) -> pd.DataFrame:
    """Each supplier group's share (%) of the deliveries in each five-year window from 1950 (the last may be shorter)."""
    yearly = by_group_and_year(arms)
    first = int(yearly.index.min())
    last = int(yearly.index.max())
    start = (yearly.index.to_series() - first) // 5 * 5 + first
    windows = yearly.groupby(start.to_numpy()).sum()
    labels = [f"{s}–{str(min(s + 4, last))[2:]}" for s in windows.index]
    totals = windows.sum(axis=1)
    shares = windows.div(totals, axis=0) * 100
    shares.index = labels
    shares["total_tiv"] = totals.to_numpy()
    shares["years"] = [min(s + 4, last) - s + 1 for s in windows.index]
    return shares


def arms_imports_figure(arms: pd.DataFrame) -> go.Figure:
    yearly = by_group_and_year(arms)
    fig = go.Figure()
    for group, color in GROUPS.items():
        fig.add_bar(
            name=group, x=yearly.index.tolist(), y=yearly[group].tolist(), marker_color=color,
            hovertemplate="%{x}: %{y:,.0f}m TIV<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(
        barmode="stack",
        bargap=0.1,
        height=460,
        xaxis=dict(title_text="Year of delivery", dtick=10, tick0=1950),
        yaxis=dict(title_text="TIV millions (volume, not US$)", rangemode="tozero"),
        legend=dict(orientation="h", y=-0.16, yanchor="top", x=0, xanchor="left", traceorder="normal"),
        margin=dict(t=20, b=10, l=10, r=10),
    )
    return fig


def arms_imports_by_supplier() -> CourseFigure:
    arms = load("arms_imports_by_supplier")
    yearly = by_group_and_year(arms)
    totals = yearly.sum()
    grand = totals.sum()
    us_peak = yearly["United States"].idxmax()
    table = yearly.reset_index()
    table.columns = ["Year", *[f"{g} (TIV millions, not US$)" for g in GROUPS]]
    description = (
        f"Stacked bars of major arms delivered to Pakistan each year {yearly.index.min()}–{yearly.index.max()}, by supplier: "
        f"China, the United States and all others, in SIPRI trend-indicator values. Over the whole period China delivered "
        f"{totals['China']:,.0f}m TIV ({totals['China'] / grand:.0%}), the United States {totals['United States']:,.0f}m "
        f"({totals['United States'] / grand:.0%}) and others {totals['All other suppliers']:,.0f}m. US deliveries came in "
        f"bursts (largest year {us_peak}: {yearly.loc[us_peak, 'United States']:,.0f}m) and almost stopped after 2015; "
        "Chinese deliveries began in the mid-1960s and continued every year since."
    )
    return CourseFigure(
        arms_imports_figure(arms),
        title="US arms deliveries to Pakistan came in bursts; China's have been steady since the mid-1960s and now dominate",
        description=description,
        datasets=["arms_imports_by_supplier"],
        source=SOURCE,
        table=table,
        notes=TIV_NOTE,
    )


def arms_shares_figure(arms: pd.DataFrame) -> go.Figure:
    shares = five_year_windows(arms)
    labels = [f"{w} ({n} yrs)" if n < 5 else w for w, n in zip(shares.index, shares["years"])]
    fig = go.Figure()
    for group, color in GROUPS.items():
        fig.add_bar(
            name=group, x=labels, y=shares[group].tolist(), marker_color=color,
            text=[f"{v:.0f}%" if v >= 8 else "" for v in shares[group]], textposition="inside", insidetextanchor="middle",
            textfont=dict(color="white" if group != "All other suppliers" else theme.TEXT_COLOR, size=12),
            customdata=shares["total_tiv"].tolist(),
            hovertemplate="%{x}: %{y:.1f}% of %{customdata:,.0f}m TIV<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(
        barmode="stack",
        bargap=0.15,
        height=460,
        xaxis=dict(title_text="Five-year window of deliveries", tickangle=-45),
        yaxis=dict(title_text="Share of deliveries (% of TIV)", range=[0, 100], ticksuffix="%"),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left", traceorder="normal"),
        margin=dict(t=40, b=10, l=10, r=10),
        uniformtext=dict(minsize=10, mode="hide"),
    )
    return fig


def arms_supplier_shares() -> CourseFigure:
    arms = load("arms_imports_by_supplier")
    shares = five_year_windows(arms)
    table = pd.DataFrame(
        {
            "Window": shares.index,
            "China (% of TIV)": shares["China"].to_numpy(),
            "United States (% of TIV)": shares["United States"].to_numpy(),
            "All other suppliers (% of TIV)": shares["All other suppliers"].to_numpy(),
            "All suppliers (TIV m)": shares["total_tiv"].to_numpy(),
        }
    )
    us_lead = [w for w in shares.index if shares.loc[w, "United States"] == shares.loc[w, list(GROUPS)].max()]
    latest_full = shares[shares["years"] == 5].index[-1]
    last = shares.index[-1]
    description = (
        "100% stacked bars: for each five-year window from 1950–54 to "
        f"{last}, the shares of China, the United States and all other suppliers in the major arms delivered to Pakistan "
        f"(SIPRI trend-indicator values). The United States was the largest supplier in {', '.join(us_lead)}. China's share "
        f"was {shares.loc[latest_full, 'China']:.0f}% in {latest_full} and {shares.loc[last, 'China']:.0f}% in {last}, "
        f"when the US share was {shares.loc[latest_full, 'United States']:.0f}% and {shares.loc[last, 'United States']:.0f}%."
    )
    return CourseFigure(
        arms_shares_figure(arms),
        title=(
            f"China supplied {shares.loc[latest_full, 'China']:.0f}% of Pakistan's major arms imports in {latest_full} and "
            f"{shares.loc[last, 'China']:.0f}% in {last}, while the US share fell to almost nothing"
        ),
        description=description,
        datasets=["arms_imports_by_supplier"],
        source=SOURCE,
        table=table,
        notes=TIV_NOTE + f" The last window, {last}, has only {int(shares.loc[last, 'years'])} years of data.",
    )
