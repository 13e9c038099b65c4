"""The course timeline: key dated events 1947–today in Pakistan's relations with China and the United States."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data import DataError
from .economy import URL_PATTERN, _read_csv
from .spec import CITED_PAGES, COMPILED, Field, Source, Table

TOPIC = "Timeline"

TIMELINE_FILE = "compiled/timeline_events_COMPILED.csv"
RELATIONSHIPS = ("China", "United States", "both")
THEMES = ("diplomacy", "security", "nuclear", "economy and aid", "infrastructure", "people and education")
PRECISIONS = ("day", "month", "year")
FIRST_YEAR, LAST_YEAR = 1947, 2026
COLUMNS = ["start_date", "end_date", "date_precision", "date_label", "relationship", "theme", "event", "source_title",
           "source_publisher", "source_url", "correction_note", "status"]


def _date(relative: str, row: int, field: str, text: str, required: bool) -> pd.Timestamp | None:
    text = text.strip()
    if not text:
        if required:
            raise DataError(f"data/raw/{relative}, row {row}, field '{field}': empty, but a date is required")
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise DataError(f"data/raw/{relative}, row {row}, field '{field}': '{text}' is not a date written YYYY-MM-DD")
    try:
        value = pd.Timestamp(text)
    except ValueError:
        raise DataError(f"data/raw/{relative}, row {row}, field '{field}': '{text}' is not a real calendar date") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise DataError(f"data/raw/{relative}, row {row}, field '{field}': {text} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return value


def build_timeline_events(raw_dir: Path) -> pd.DataFrame:
    relative = TIMELINE_FILE
    raw = _read_csv(raw_dir, relative, COLUMNS)
    records = []
    for number, row in raw.iterrows():
        start = _date(relative, number, "start_date", row["start_date"], required=True)
        end = _date(relative, number, "end_date", row["end_date"], required=False)
        if end is not None and end < start:
            raise DataError(f"data/raw/{relative}, row {number}, field 'end_date': {end.date()} is before the start {start.date()}")
        for field, allowed in (("relationship", RELATIONSHIPS), ("theme", THEMES), ("date_precision", PRECISIONS)):
            if row[field] not in allowed:
                raise DataError(f"data/raw/{relative}, row {number}, field '{field}': '{row[field]}' is not one of {allowed}")
        if not row["source_url"].startswith(("http://", "https://")):
            raise DataError(f"data/raw/{relative}, row {number}, field 'source_url': '{row['source_url']}' is not a web address")
        if not str(start.year) in row["date_label"]:
            raise DataError(f"data/raw/{relative}, row {number}, field 'date_label': '{row['date_label']}' does not show the year {start.year}")
        records.append(
            {
                "event_id": f"e{number:03d}",
                "start_date": start,
                "end_date": end,
                "date_precision": row["date_precision"],
                "date_label": row["date_label"].strip(),
                "relationship": row["relationship"],
                "theme": row["theme"],
                "event": row["event"].strip(),
                "source_title": row["source_title"].strip(),
                "source_publisher": row["source_publisher"].strip(),
                "source_url": row["source_url"].strip(),
                "correction_note": row["correction_note"].strip() or None,
            }
        )
    frame = pd.DataFrame.from_records(records)
    # Chronological order is what readers and the page expect; a stable sort keeps same-day events in file order.
    frame = frame.sort_values("start_date", kind="stable").reset_index(drop=True)
    frame["event_id"] = [f"e{i + 1:03d}" for i in range(len(frame))]
    return frame


TABLES = [
    Table(
        name="timeline_events",
        title="Key events in Pakistan's relations with China and the United States, 1947–2025",
        description=(
            "Dated events with a one-line description, the relationship they belong to (China, United States or both), a "
            "theme, and the published source that reports them. Where another source gives a different date or figure, a note says so."
        ),
        raw=(TIMELINE_FILE,),
        sources=(
            Source("Compiled from official histories, documents and news reports (one source per event)", "https://history.state.gov/countries/pakistan",
                   "every event's source title, publisher and URL are in the table"),
        ),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "Some sources are secondary summaries or encyclopedia mirrors; check a date against a primary record before relying on it.",
            "Events given as a month or year start on the first day of that period (date_precision says which); date_label is what to show.",
            "Where a better source corrects a commonly repeated date or figure (for example the six-year 1981 aid package and the "
            "43-year Gwadar free-zone lease), the corrected value is used and correction_note says what changed.",
        ),
        fields=(
            Field("event_id", "string", "stable identifier in date order", unique=True, pattern=r"e\d{3}"),
            Field("start_date", "date", "first day of the event (or of its month or year)"),
            Field("end_date", "date", "last day, for events that span days or years", required=False),
            Field("date_precision", "string", "how precise the date is", enum=PRECISIONS),
            Field("date_label", "string", "the date as shown to readers"),
            Field("relationship", "string", "which relationship the event belongs to", enum=RELATIONSHIPS),
            Field("theme", "string", "subject of the event", enum=THEMES),
            Field("event", "string", "one-line description"),
            Field("source_title", "string", "title of the source"),
            Field("source_publisher", "string", "publisher of the source"),
            Field("source_url", "string", "web address of the source", pattern=URL_PATTERN),
            Field("correction_note", "string", "where sources differ, or what a better source corrects", required=False),
        ),
        build=build_timeline_events,
        primary_key=("event_id",),
        coverage="1947–2025",
    ),
]
