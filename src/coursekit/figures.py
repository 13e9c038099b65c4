"""A chart as the course shows it: the plotly figure with its finding, text description, source and data table.

In the book build (``COURSE_BOOK_BUILD=1``) a :class:`CourseFigure` renders as one static HTML block. The figure's
JSON sits in a ``<script type="application/json">``; the site's chart loader draws it with the site's own plotly.js
when it scrolls into view. The description, source and table are plain HTML, so a reader without JavaScript still
gets the finding and the numbers.

In JupyterLab or Binder it renders as plotly's own mimetype (an interactive chart) followed by the caption and table.
"""
from __future__ import annotations

import html
import json
import math
import re
from typing import Iterable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import theme
from .paths import book_build, book_relative

# The Sphinx extension (book/_ext/course_assets.py) looks for these markers to add scripts to a page.
PLOTLY_MARKER = "<!-- course:plotly -->"
TRACES_MARKER = "<!-- course:traces:{names} -->"

PLOTLY_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "scrollZoom": False,  # the mouse wheel scrolls the page, never zooms a chart or map by surprise
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
DEFAULT_HEIGHT = 460

_used_ids: dict[str, int] = {}


def dataset_anchor(name: str) -> str:
    """The HTML id of a dataset's entry on the Data sources page."""
    return "dataset-" + name.replace("_", "-")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48] or "chart"


def _unique_id(title: str) -> str:
    base = "fig-" + _slug(title)
    count = _used_ids.get(base, 0)
    _used_ids[base] = count + 1
    return base if count == 0 else f"{base}-{count + 1}"


def format_value(value) -> str:
    """How a number appears in a chart's data table: thousands separators, at most two decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(getattr(value, "dtype", None))):
        return f"{int(value):,}"
    if isinstance(value, float):
        if value.is_integer():
            return f"{value:,.0f}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    try:
        if pd.isna(value):
            return "–"
    except (TypeError, ValueError):
        pass
    return str(value)


def table_html(table: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table: a caption, column headers with scope, and numbers right-aligned."""
    head = "".join(f'<th scope="col">{html.escape(str(col))}</th>' for col in table.columns)
    numeric = [pd.api.types.is_numeric_dtype(table[col]) for col in table.columns]
    rows = []
    for record in table.itertuples(index=False, name=None):
        cells = []
        for value, is_number in zip(record, numeric):
            css = ' class="num"' if is_number else ""
            cells.append(f"<td{css}>{html.escape(format_value(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="course-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


class CourseFigure:
    """A plotly figure with everything the course requires of a chart.

    figure:      the plotly figure (the course template is applied)
    title:       a sentence that states the finding
    description: a short text alternative for screen readers, with the key numbers
    datasets:    names of the tables in data/datapackage.json the chart is drawn from
    source:      a short source line, e.g. "USAID Greenbook (via meflynn/greenbook)"
    table:       the numbers the chart shows, with readable column headers including units
    notes:       an optional caveat shown under the chart (e.g. "Commitments, not disbursements.")
    """

    def __init__(
        self,
        figure: go.Figure,
        title: str,
        description: str,
        datasets: Iterable[str] | str,
        source: str,
        table: pd.DataFrame,
        notes: str | None = None,
    ) -> None:
        if isinstance(datasets, str):
            datasets = [datasets]
        self.datasets = list(datasets)
        missing = [name for name, value in (("title", title), ("description", description), ("source", source)) if not value]
        if missing or not self.datasets:
            raise ValueError(f"CourseFigure needs a title, description, source and at least one dataset; missing: {missing or ['datasets']}")
        if not isinstance(table, pd.DataFrame) or table.empty:
            raise ValueError(f"CourseFigure {title!r}: table must be a non-empty DataFrame of the values shown")
        self.figure = theme.apply(figure)
        self.title = title
        self.description = description
        self.source = source
        self.table = table
        self.notes = notes
        if not self.figure.layout.title.text:
            self.figure.update_layout(title_text=title)

    # -- pieces shared by both renderings ------------------------------------------------------------------------
    def _caption_html(self) -> str:
        links = ", ".join(
            f'<a href="{html.escape(book_relative("data_sources"))}#{dataset_anchor(name)}">{html.escape(name)}</a>'
            for name in self.datasets
        )
        notes = f'<p class="course-chart-notes">{html.escape(self.notes)}</p>' if self.notes else ""
        return (
            f'<p class="course-chart-description">{html.escape(self.description)}</p>{notes}'
            f'<p class="course-chart-source">Source: {html.escape(self.source)}. Data: {links}.</p>'
        )

    def _table_html(self) -> str:
        return (
            '<details class="course-chart-table"><summary>Show the numbers (table)</summary>'
            # The box scrolls, so it must be reachable and named for keyboard and screen-reader users.
            f'<div class="course-table-scroll" tabindex="0" role="region" aria-label="Table: {html.escape(self.title)}">'
            f'{table_html(self.table, self.title)}</div></details>'
        )

    def _spec_without_title(self) -> dict:
        """The figure as JSON-ready data, without its title: both renderings show the title as HTML above the chart
        (plotly would cut a long one short)."""
        spec = json.loads(self.figure.to_json())  # plotly's encoder turns numpy and pandas values into JSON
        spec.get("layout", {}).pop("title", None)
        return spec

    # -- the static website -----------------------------------------------------------------------------------------
    def to_book_html(self) -> str:
        fig_id = _unique_id(self.title)
        spec = self._spec_without_title()
        layout = spec.get("layout", {})
        height = layout.get("height") or DEFAULT_HEIGHT
        payload = {"data": spec.get("data", []), "layout": layout, "config": PLOTLY_CONFIG}
        # Escape "<" so the JSON can never close its <script> element.
        figure_json = json.dumps(payload, separators=(",", ":")).replace("<", "\\u003c")
        trace_types = sorted({trace.get("type", "scatter") for trace in payload["data"]})
        markers = PLOTLY_MARKER + TRACES_MARKER.format(names=",".join(trace_types))
        return (
            f'{markers}<figure class="course-chart" id="{fig_id}" aria-labelledby="{fig_id}-title">'
            f'<p class="course-chart-title" id="{fig_id}-title">{html.escape(self.title)}</p>'
            f'<div class="course-chart-plot" role="img" aria-label="{html.escape(self.title)}" '
            f'aria-describedby="{fig_id}-caption" style="height:{int(height)}px"></div>'
            f'<script type="application/json" class="course-chart-spec">{figure_json}</script>'
            f'<figcaption id="{fig_id}-caption">{self._caption_html()}</figcaption>'
            f"{self._table_html()}</figure>"
        )

    # -- Jupyter ------------------------------------------------------------------------------------------------------
    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        if book_build():
            display(HTML(self.to_book_html()))
            return
        display(HTML(f'<p class="course-chart-title"><strong>{html.escape(self.title)}</strong></p>'))
        pio.show(self._spec_without_title(), renderer="plotly_mimetype", config=PLOTLY_CONFIG)
        display(HTML(f'<div class="course-chart-live">{self._caption_html()}{self._table_html()}</div>'))

    def show(self) -> None:
        """Display the chart (the same as making it the last expression of a cell)."""
        self._ipython_display_()

    def __repr__(self) -> str:
        return f"CourseFigure({self.title!r}, datasets={self.datasets})"
