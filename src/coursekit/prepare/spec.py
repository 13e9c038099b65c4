"""How a domain module declares the tables it prepares.

Each module in ``coursekit.prepare`` (``us_aid``, ``security``, ``cpec``, ...) exposes ``TABLES``: a list of
:class:`Table`. The runner (``python -m coursekit.prepare``) builds every table from ``data/raw/``, checks it
against its own schema, writes it to ``data/`` and describes it in ``data/datapackage.json``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

# Provenance statuses, as PROVENANCE.md defines them.
PUBLISHER_FILE = "A: the publisher's own data file, or an exact row subset of it"
PROCESSED_COPY = "B: a third party's processed copy of a publisher's data"
COMPILED = "C: transcribed or compiled from published web pages; check against the publisher before relying on it"
DERIVED = "derived: computed by this course from other tables in this package"

FIELD_TYPES = {"integer", "number", "string", "boolean", "date", "year"}


@dataclass(frozen=True)
class Field:
    """One column of a CSV table (or one property of a GeoJSON feature)."""

    name: str
    type: str  # one of FIELD_TYPES
    description: str
    unit: str | None = None  # e.g. "US$ (nominal)", "US$ (constant FY2019)", "MW", "percent"
    required: bool = True  # False: the cell may be empty (missing value)
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple[str, ...] | None = None  # allowed values
    pattern: str | None = None  # regular expression the whole value must match
    unique: bool = False

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name!r}: unknown type {self.type!r}; use one of {sorted(FIELD_TYPES)}")


@dataclass(frozen=True)
class Source:
    title: str  # publisher and dataset, e.g. "USAID, U.S. Overseas Loans and Grants (Greenbook)"
    path: str  # URL of the publisher's page
    note: str | None = None  # e.g. "via GitHub meflynn/greenbook, commit a2e68b3"


@dataclass(frozen=True)
class License:
    name: str  # e.g. "public-domain", "CC-BY-4.0", "ODbL-1.0"
    title: str  # e.g. "U.S. Government work (public domain)"
    path: str | None = None


@dataclass(frozen=True)
class Table:
    """A tidy table the course publishes in ``data/``."""

    name: str  # identifier used by coursekit.load(name); lowercase with underscores
    title: str
    description: str
    raw: tuple[str, ...]  # paths under data/raw/ this table is built from (or other tables' paths for DERIVED)
    sources: tuple[Source, ...]
    licenses: tuple[License, ...]
    provenance: str  # one of the statuses above
    caveats: tuple[str, ...]
    fields: tuple[Field, ...]
    build: Callable[[Path], Any]  # build(raw_dir) -> pandas.DataFrame (csv) or a GeoJSON dict (geojson)
    primary_key: tuple[str, ...] = ()
    format: str = "csv"  # "csv" or "geojson"
    coverage: str = ""  # e.g. "FY1948–FY2019"

    @property
    def path(self) -> str:
        return f"{self.name}.{self.format}"

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


# Shared licences, so every module spells them the same way.
US_GOV_PUBLIC_DOMAIN = License("public-domain", "U.S. Government work (public domain)")
CC_BY_4 = License("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/")
ODBL = License("ODbL-1.0", "Open Data Commons Open Database License", "https://opendatacommons.org/licenses/odbl/")
PUBLIC_DOMAIN = License("public-domain", "Public domain")
ODC_BY = License("ODC-By-1.0", "Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/")
# Values the course compiled from published pages: facts, not a licensed work; each row cites its page.
CITED_PAGES = License("cited-quotations", "Figures quoted from published pages; each row cites its page")
