"""The course's one chart theme: fixed colours per country, fonts that match the book, legible on a phone and a projector."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Okabe–Ito palette (colour-blind safe) with fixed meanings across every chart of the course.
COLORS = {
    "us": "#0072B2",
    "china": "#D55E00",
    "pakistan": "#009E73",
    "other": "#999999",
    "highlight": "#E69F00",
}
# Extra Okabe–Ito colours for categories that are not countries (sectors, fuels, themes).
EXTRA_COLORS = ["#56B4E9", "#CC79A7", "#F0E442", "#000000"]

# Text colours reach WCAG AA contrast on white.
TEXT_COLOR = "#222222"
MUTED_TEXT_COLOR = "#555555"
GRID_COLOR = "#E5E5E5"
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

TEMPLATE_NAME = "course"


def _template() -> go.layout.Template:
    axis = dict(
        gridcolor=GRID_COLOR,
        linecolor="#888888",
        zerolinecolor="#BBBBBB",
        tickfont=dict(size=13, color=TEXT_COLOR),
        title=dict(font=dict(size=14, color=TEXT_COLOR)),
        automargin=True,
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT_FAMILY, size=14, color=TEXT_COLOR),
            title=dict(font=dict(size=17), x=0, xanchor="left", y=0.98, yanchor="top"),
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=[COLORS["us"], COLORS["china"], COLORS["pakistan"], COLORS["highlight"], *EXTRA_COLORS, COLORS["other"]],
            xaxis=axis,
            yaxis=axis,
            legend=dict(orientation="h", yanchor="top", y=-0.15, xanchor="left", x=0, font=dict(size=13)),
            hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13)),
            margin=dict(l=10, r=10, t=60, b=10),
            separators=".,",
        )
    )


pio.templates[TEMPLATE_NAME] = _template()
# Figures made with plotly express or graph_objects in a chapter get the course look too.
pio.templates.default = TEMPLATE_NAME


def apply(fig: go.Figure) -> go.Figure:
    """Give a figure the course template (keeping any layout the builder set explicitly)."""
    fig.update_layout(template=TEMPLATE_NAME)
    return fig
