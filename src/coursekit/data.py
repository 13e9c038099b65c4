"""Load the course's tables, validated against their schema in data/datapackage.json.

``load("us_aid_by_year")`` returns a typed pandas DataFrame (a GeoJSON table returns its FeatureCollection as a dict).
Anything wrong with a file — missing, a missing or unexpected column, a value of the wrong type, out of range or not
allowed, a duplicated key — raises one :class:`DataError` that names the file, the row and the field.
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

MISSING = ""  # the only spelling of a missing value in our CSV files


class DataError(ValueError):
    """A data file does not match its description in data/datapackage.json."""


def _where(path: Path, row: int | None = None, field: str | None = None) -> str:
    try:
        shown = path.relative_to(paths.ROOT)
    except ValueError:
        shown = path
    parts = [str(shown)]
    if row is not None:
        parts.append(f"row {row} (line {row + 1})")
    if field is not None:
        parts.append(f"field '{field}'")
    return ", ".join(parts)


@lru_cache(maxsize=4)
def _read_descriptor(path: Path, mtime: float) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{_where(path)}: the data package descriptor is missing; run `make data`") from None
    except json.JSONDecodeError as err:
        raise DataError(f"{_where(path)}: not valid JSON (line {err.lineno}: {err.msg})") from None


def descriptor(path: Path | None = None) -> dict:
    """The data package descriptor (data/datapackage.json) as a dict."""
    path = path or paths.DESCRIPTOR
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _read_descriptor(path, mtime)


def resource(name: str, package: dict | None = None) -> dict:
    """The descriptor entry of one table."""
    package = package or descriptor()
    for entry in package.get("resources", []):
        if entry.get("name") == name:
            return entry
    known = ", ".join(sorted(r.get("name", "?") for r in package.get("resources", [])))
    raise DataError(f"no dataset named '{name}' in data/datapackage.json; known datasets: {known}")


def names() -> list[str]:
    """Names of every table in the data package."""
    return [r["name"] for r in descriptor()["resources"]]


def load(name: str, data_dir: Path | None = None):
    """Load one table of the course's data package, validated against its schema."""
    entry = resource(name)
    path = (data_dir or paths.DATA_DIR) / entry["path"]
    if not path.exists():
        raise DataError(f"{_where(path)}: file missing (dataset '{name}' in data/datapackage.json); run `make data`")
    if entry.get("format") == "geojson":
        return read_geojson(path, entry["schema"])
    return read_table(path, entry["schema"])


# -- CSV tables ---------------------------------------------------------------------------------------------------------

_INTEGER = re.compile(r"-?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _convert(path: Path, field: dict, column: pd.Series) -> pd.Series:
    """Check one column's cells against its field description and return it typed."""
    name, kind = field["name"], field["type"]
    constraints = field.get("constraints", {})
    empty = column == MISSING

    def fail(mask: pd.Series, what: str) -> None:
        bad = mask[mask].index
        if len(bad):
            row = int(bad[0])
            raise DataError(f"{_where(path, row, name)}: {what.format(value=column[row])}")

    if constraints.get("required"):
        fail(empty, "empty, but a value is required")

    if kind in ("integer", "year"):
        fail(~empty & ~column.str.fullmatch(_INTEGER.pattern), "'{value}' is not a whole number")
        typed = pd.Series(pd.array([None if e else int(v) for v, e in zip(column, empty)], dtype="Int64"), index=column.index)
    elif kind == "number":
        numbers = pd.to_numeric(column.where(~empty), errors="coerce")
        fail(~empty & numbers.isna(), "'{value}' is not a number")
        typed = numbers.astype("float64")
    elif kind == "boolean":
        fail(~empty & ~column.isin(["true", "false"]), "'{value}' is not true or false")
        typed = pd.Series(pd.array([None if e else v == "true" for v, e in zip(column, empty)], dtype="boolean"), index=column.index)
    elif kind == "date":
        fail(~empty & ~column.str.fullmatch(_DATE.pattern), "'{value}' is not a date written YYYY-MM-DD")
        typed = pd.to_datetime(column.where(~empty), format="%Y-%m-%d", errors="coerce")
        fail(~empty & typed.isna(), "'{value}' is not a real calendar date")
    elif kind == "string":
        typed = column.where(~empty, None).astype("string")
    else:
        raise DataError(f"{_where(path, field=name)}: unknown field type '{kind}' in the descriptor")

    present = ~empty
    if "minimum" in constraints:
        fail(present & (typed < constraints["minimum"]).fillna(False).astype(bool), f"{{value}} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints:
        fail(present & (typed > constraints["maximum"]).fillna(False).astype(bool), f"{{value}} is above the maximum {constraints['maximum']}")
    if "enum" in constraints:
        allowed = constraints["enum"]
        fail(present & ~column.isin([str(a) for a in allowed]), "'{value}' is not one of the allowed values " + ", ".join(map(str, allowed)))
    if "pattern" in constraints:
        fail(present & ~column.str.fullmatch(constraints["pattern"]), "'{value}' does not match the pattern " + constraints["pattern"])
    if constraints.get("unique"):
        fail(present & column.duplicated(), "'{value}' appears more than once, but values must be unique")
    return typed


def read_table(path: Path, schema: dict) -> pd.DataFrame:
    """Read a CSV file and check it against a Table Schema (the subset the course uses)."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as err:
        raise DataError(f"{_where(path)}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    if not rows:
        raise DataError(f"{_where(path)}: the file is empty; expected a header row")
    header, body = rows[0], rows[1:]
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    for field_name in expected:
        if field_name not in header:
            raise DataError(f"{_where(path, field=field_name)}: column missing from the header")
    for column_name in header:
        if column_name not in expected:
            raise DataError(f"{_where(path, field=column_name)}: unexpected column, not described in data/datapackage.json")
    if len(set(header)) != len(header):
        raise DataError(f"{_where(path)}: the header repeats a column name")
    for number, row in enumerate(body, start=1):
        if len(row) != len(header):
            raise DataError(f"{_where(path, number)}: {len(row)} cells, but the header has {len(header)} columns")
    raw = pd.DataFrame(body, columns=header, dtype="string").fillna(MISSING).astype(object)
    raw.index = range(1, len(raw) + 1)  # row numbers as a reader counts them, header excluded
    typed = pd.DataFrame({f["name"]: _convert(path, f, raw[f["name"]]) for f in fields}, index=raw.index)

    key = schema.get("primaryKey") or []
    if isinstance(key, str):
        key = [key]
    if key:
        duplicated = raw.duplicated(subset=key, keep="first")
        if duplicated.any():
            row = int(duplicated[duplicated].index[0])
            first = int(raw.index[(raw[key] == raw.loc[row, key]).all(axis=1)][0])
            values = ", ".join(f"{k}={raw.loc[row, k]}" for k in key)
            raise DataError(
                f"{_where(path, row, ', '.join(key))}: duplicate primary key ({values}); first seen in row {first}"
            )
    return typed.reset_index(drop=True)


# -- GeoJSON tables -----------------------------------------------------------------------------------------------------

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
_PY_TYPES = {"integer": (int,), "year": (int,), "number": (int, float), "string": (str,), "boolean": (bool,), "date": (str,)}


def read_geojson(path: Path, schema: dict) -> dict:
    """Read a GeoJSON FeatureCollection and check each feature's properties against the schema."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataError(f"{_where(path)}: not valid JSON (line {err.lineno}: {err.msg})") from None
    if collection.get("type") != "FeatureCollection" or not isinstance(collection.get("features"), list):
        raise DataError(f"{_where(path)}: expected a GeoJSON FeatureCollection")
    fields = schema["fields"]
    seen: dict[tuple, int] = {}
    key = schema.get("primaryKey") or []
    for number, feature in enumerate(collection["features"], start=1):
        where = f"{_where(path)}, feature {number}"
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in GEOMETRY_TYPES:
            raise DataError(f"{where}: geometry type {geometry.get('type')!r} is not one of {sorted(GEOMETRY_TYPES)}")
        props = feature.get("properties") or {}
        for field in fields:
            value = props.get(field["name"])
            constraints = field.get("constraints", {})
            if value is None:
                if constraints.get("required"):
                    raise DataError(f"{where}, field '{field['name']}': missing, but a value is required")
                continue
            if not isinstance(value, _PY_TYPES[field["type"]]) or (field["type"] != "boolean" and isinstance(value, bool)):
                raise DataError(f"{where}, field '{field['name']}': {value!r} is not of type {field['type']}")
            if "enum" in constraints and value not in constraints["enum"]:
                raise DataError(f"{where}, field '{field['name']}': {value!r} is not one of the allowed values {constraints['enum']}")
        extra = set(props) - {f["name"] for f in fields}
        if extra:
            raise DataError(f"{where}, field '{sorted(extra)[0]}': unexpected property, not described in data/datapackage.json")
        if key:
            values = tuple(props.get(k) for k in key)
            if values in seen:
                raise DataError(f"{where}, field '{', '.join(key)}': duplicate primary key {values}; first seen in feature {seen[values]}")
            seen[values] = number
    return collection
