"""The interactive timeline of Pakistan's relations with China and the United States.

:func:`timeline` returns a :class:`Timeline` that renders as plain HTML: an ordered list of every event with its date,
a one-line description and a link to its source. That list is complete and readable with JavaScript off. A small
script (``assets/timeline.js``) adds filters by relationship (checkboxes) and theme (a select) and announces how many
events are shown in a ``role="status"`` line. In the book build the page gets the script from the site (the
``<!-- course:timeline -->`` marker tells the Sphinx extension to add it); in a live kernel the script is included inline.
"""
from __future__ import annotations

import html
import sys
import types
from collections import Counter

import pandas as pd

from .. import paths
from ..data import load
from ..theme import COLORS

MARKER = "<!-- course:timeline -->"
SCRIPT = paths.ASSETS_DIR / "timeline.js"

RELATIONSHIP_LABELS = {
    "China": "Pakistan–China",
    "United States": "Pakistan–United States",
    "both": "Both (all three countries)",
}
RELATIONSHIP_CLASSES = {"China": "china", "United States": "us", "both": "both"}

# Scoped styles, inline so the list reads well with no stylesheet from the site and in JupyterLab alike. The coloured
# left border is decoration only: each event also names its relationship in text.
STYLE = f"""
.course-timeline {{ max-width: 48rem; }}
.course-timeline-filters {{ display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-end; margin: 0 0 0.75rem; }}
.course-timeline-filters fieldset {{ border: 1px solid #999; border-radius: 4px; padding: 0.25rem 0.75rem 0.5rem; margin: 0; }}
.course-timeline-filters legend, .course-timeline-filters .course-timeline-theme-label {{ font-size: 1rem; font-weight: 600; padding: 0 0.25rem; width: auto; margin: 0; float: none; }}
.course-timeline-filters label {{ display: inline-flex; align-items: center; gap: 0.35rem; margin-right: 1rem; min-height: 44px; cursor: pointer; }}
.course-timeline-filters input[type=checkbox] {{ width: 1.2rem; height: 1.2rem; }}
.course-timeline-filters select, .course-timeline-filters button {{ font: inherit; min-height: 44px; padding: 0.25rem 0.6rem; }}
.course-timeline-theme {{ display: flex; flex-direction: column; gap: 0.25rem; }}
.course-timeline :focus-visible {{ outline: 3px solid {COLORS["highlight"]}; outline-offset: 2px; }}
.course-timeline-status {{ font-weight: 600; margin: 0.5rem 0; }}
.course-timeline-list {{ list-style: none; padding: 0; margin: 0; }}
.course-timeline-event {{ border-left: 6px solid {COLORS["other"]}; padding: 0.35rem 0 0.5rem 0.9rem; margin: 0 0 0.6rem; }}
.course-timeline-event.rel-china {{ border-left-color: {COLORS["china"]}; }}
.course-timeline-event.rel-us {{ border-left-color: {COLORS["us"]}; }}
.course-timeline-event.rel-both {{ border-image: linear-gradient(to bottom, {COLORS["us"]} 50%, {COLORS["china"]} 50%) 1; }}
.course-timeline-event[hidden], .course-timeline-filters[hidden], .course-timeline-empty[hidden] {{ display: none; }}
.course-timeline-when {{ font-weight: 700; margin-right: 0.5rem; }}
.course-timeline-meta {{ font-size: 0.9em; opacity: 0.85; }}
.course-timeline-event p {{ margin: 0.15rem 0; }}
.course-timeline-source {{ font-size: 0.9em; }}
"""


def _iso(value: pd.Timestamp, precision: str) -> str:
    """The machine-readable date for <time datetime=...> at the precision the source supports."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.strftime("%Y-%m-%d")


class Timeline:
    """The timeline's events and their HTML (see the module docstring)."""

    def __init__(self, events: pd.DataFrame, title: str) -> None:
        self.events = events
        self.title = title

    def _event_html(self, row) -> str:
        rel_class = RELATIONSHIP_CLASSES[row.relationship]
        correction = (
            f'<p class="course-timeline-meta">Note: {html.escape(row.correction_note)}</p>' if isinstance(row.correction_note, str) else ""
        )
        return (
            f'<li class="course-timeline-event rel-{rel_class}" data-relationship="{html.escape(row.relationship)}" '
            f'data-theme="{html.escape(row.theme)}">'
            f'<p><time class="course-timeline-when" datetime="{_iso(row.start_date, row.date_precision)}">{html.escape(row.date_label)}</time>'
            f'<span class="course-timeline-meta">{html.escape(RELATIONSHIP_LABELS[row.relationship])} · {html.escape(row.theme)}</span></p>'
            f"<p>{html.escape(row.event)}</p>"
            f'<p class="course-timeline-source">Source: <a href="{html.escape(row.source_url)}">{html.escape(row.source_title)}</a>, '
            f"{html.escape(row.source_publisher)}.</p>{correction}</li>"
        )

    def _filters_html(self, uid: str) -> str:
        counts = Counter(self.events["relationship"])
        boxes = "".join(
            f'<label><input type="checkbox" name="relationship" value="{html.escape(value)}" data-label="{html.escape(label)}" checked> '
            f"{html.escape(label)} ({counts.get(value, 0)})</label>"
            for value, label in RELATIONSHIP_LABELS.items()
        )
        themes = Counter(self.events["theme"])
        options = '<option value="">All themes</option>' + "".join(
            f'<option value="{html.escape(theme)}" data-label="{html.escape(theme)}">{html.escape(theme.capitalize())} ({themes[theme]})</option>' for theme in sorted(themes)
        )
        # hidden until the script runs: without JavaScript the filters would do nothing, and the full list is shown.
        return (
            f'<form class="course-timeline-filters" hidden aria-label="Filter the timeline">'
            f"<fieldset><legend>Relationship</legend>{boxes}</fieldset>"
            f'<div class="course-timeline-theme"><label class="course-timeline-theme-label" for="{uid}-theme">Theme</label>'
            f'<select id="{uid}-theme" name="theme">{options}</select></div>'
            f'<button type="button" class="course-timeline-reset">Show all events</button></form>'
        )

    def to_html(self, include_script: bool) -> str:
        uid = "course-timeline"
        first, last = self.events["start_date"].min().year, self.events["start_date"].max().year
        items = "".join(self._event_html(row) for row in self.events.itertuples())
        script = f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>" if include_script else ""
        return (
            f"{MARKER}<style>{STYLE}</style>"
            f'<section class="course-timeline" aria-labelledby="{uid}-title">'
            f'<p class="course-timeline-title" id="{uid}-title"><strong>{html.escape(self.title)}</strong></p>'
            f"{self._filters_html(uid)}"
            f'<p class="course-timeline-status" role="status" aria-live="polite">{len(self.events)} events, {first}–{last}, '
            f"oldest first.</p>"
            f'<p class="course-timeline-empty" hidden>No events match these filters. Tick a relationship or choose another theme.</p>'
            f'<ol class="course-timeline-list">{items}</ol></section>{script}'
        )

    def _repr_html_(self) -> str:
        # In the book build the site serves timeline.js (added by the marker); in a live kernel the script comes inline.
        return self.to_html(include_script=not paths.book_build())

    def __repr__(self) -> str:
        return f"Timeline({len(self.events)} events)"


def timeline() -> Timeline:
    events = load("timeline_events").sort_values("start_date", kind="stable").reset_index(drop=True)
    first, last = events["start_date"].min().year, events["start_date"].max().year
    return Timeline(events, f"Key events in Pakistan's relations with China and the United States, {first}–{last}")


class _CallableModule(types.ModuleType):
    """Calling this module draws the timeline.

    ``coursekit.charts`` finds builders lazily: ``charts.timeline`` imports this module and returns its ``timeline``
    function. Importing a submodule also sets ``coursekit.charts.timeline`` to the *module* itself (Python does this for
    every submodule), so a second ``charts.timeline()`` in the same kernel would call the module. Making the module
    callable keeps both calls working.
    """

    def __call__(self, *args, **kwargs) -> Timeline:
        return timeline(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
