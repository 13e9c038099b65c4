"""Prepare the course's data: raw files in data/raw/ -> tidy tables in data/ + data/datapackage.json.

Run it with ``make data`` (``python -m coursekit.prepare``). The same step also writes the book's Data sources page
(book/data_sources.md) from the descriptor, so the page cannot drift from the data. ``--check`` rebuilds everything
in a temporary folder and fails if anything differs from what is committed.
"""
from __future__ import annotations

import importlib
import io
import json
from pathlib import Path

import pandas as pd

from .. import paths
from ..data import DataError, load
from .spec import Table

# One module per domain, in the order the Data sources page lists them.
DOMAIN_MODULES = ["us_aid", "china_finance", "arms", "cpec", "geo", "economy", "society", "timeline"]

PACKAGE = {
    "profile": "data-package",
    "name": "pakistan-china-us-course-data",
    "title": "Data for the course 'Pakistan between China and the United States'",
    "description": (
        "Tidy tables prepared from published sources (US Government, AidData, SIPRI, State Bank of Pakistan, World Bank, "
        "Natural Earth, GeoNames and others). Each resource names its sources, licence, provenance status and caveats. "
        "Files whose provenance is 'C' were compiled or transcribed from published pages and keep a source per row."
    ),
    "licenses": [
        {
            "name": "other-open",
            "title": "Each resource carries the licence of its source; see the resource's 'licenses'",
        }
    ],
}


def domains() -> list[tuple[str, list[Table]]]:
    """Every domain module's name and tables (a missing module is an error, not a silent gap)."""
    found = []
    for name in DOMAIN_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        found.append((getattr(module, "TOPIC", name.replace("_", " ").capitalize()), list(module.TABLES)))
    return found


def all_tables() -> list[Table]:
    return [table for _, tables in domains() for table in tables]


def _field_descriptor(field) -> dict:
    entry = {"name": field.name, "type": field.type, "description": field.description}
    if field.unit:
        entry["unit"] = field.unit
    constraints = {}
    if field.required:
        constraints["required"] = True
    for key in ("minimum", "maximum", "pattern"):
        value = getattr(field, key)
        if value is not None:
            constraints[key] = value
    if field.enum is not None:
        constraints["enum"] = list(field.enum)
    if field.unique:
        constraints["unique"] = True
    if constraints:
        entry["constraints"] = constraints
    return entry


def resource_descriptor(table: Table) -> dict:
    entry = {
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource" if table.format == "csv" else "data-resource",
        "format": table.format,
        "mediatype": "text/csv" if table.format == "csv" else "application/geo+json",
        "encoding": "utf-8",
        "sources": [
            {"title": s.title, "path": s.path, **({"note": s.note} if s.note else {})} for s in table.sources
        ],
        "licenses": [
            {"name": lic.name, "title": lic.title, **({"path": lic.path} if lic.path else {})} for lic in table.licenses
        ],
        "provenance": table.provenance,
        "coverage": table.coverage,
        "caveats": list(table.caveats),
        "raw": [f"raw/{r}" if not r.startswith("raw/") and "/" in r else r for r in table.raw],
        "schema": {
            "fields": [_field_descriptor(f) for f in table.fields],
            "missingValues": [""],
        },
    }
    if table.primary_key:
        entry["schema"]["primaryKey"] = list(table.primary_key)
    return entry


def _csv_text(table: Table, frame: pd.DataFrame) -> str:
    expected = [f.name for f in table.fields]
    if list(frame.columns) != expected:
        raise DataError(
            f"prepare: table '{table.name}' built columns {list(frame.columns)}, but its schema declares {expected}"
        )
    frame = frame.copy()
    for field in table.fields:
        column = frame[field.name]
        if field.type in ("integer", "year"):
            frame[field.name] = column.astype("Int64")
        elif field.type == "boolean":
            frame[field.name] = column.map(lambda v: "" if pd.isna(v) else ("true" if v else "false"))
        elif field.type == "date":
            frame[field.name] = column.map(lambda v: "" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d"))
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def build_outputs(raw_dir: Path) -> dict[str, str]:
    """Build every table and the descriptor in memory: {file name relative to data/: text}."""
    outputs: dict[str, str] = {}
    resources = []
    for table in all_tables():
        built = table.build(raw_dir)
        if table.format == "csv":
            outputs[table.path] = _csv_text(table, built)
        else:
            outputs[table.path] = json.dumps(built, ensure_ascii=False, separators=(",", ":")) + "\n"
        resources.append(resource_descriptor(table))
    names = [r["name"] for r in resources]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise DataError(f"prepare: more than one table is named {sorted(duplicates)}")
    outputs["datapackage.json"] = json.dumps({**PACKAGE, "resources": resources}, indent=2, ensure_ascii=False) + "\n"
    return outputs


def write(outputs: dict[str, str], data_dir: Path) -> None:
    for name, text in outputs.items():
        (data_dir / name).write_text(text, encoding="utf-8")


def validate(data_dir: Path) -> None:
    """Load every table back through the validating loader (catches a build that breaks its own schema)."""
    from .. import data as data_module

    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for entry in package["resources"]:
        path = data_dir / entry["path"]
        if entry["format"] == "geojson":
            data_module.read_geojson(path, entry["schema"])
        else:
            data_module.read_table(path, entry["schema"])


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile

    from .sources_page import render_sources_page

    parser = argparse.ArgumentParser(prog="python -m coursekit.prepare", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild in a temporary folder and compare with data/")
    args = parser.parse_args(argv)

    outputs = build_outputs(paths.RAW_DIR)
    page = render_sources_page(json.loads(outputs["datapackage.json"]), domains())
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write(outputs, Path(tmp))
            validate(Path(tmp))
        stale = [n for n, text in outputs.items() if not (paths.DATA_DIR / n).exists() or (paths.DATA_DIR / n).read_text(encoding="utf-8") != text]
        page_path = paths.BOOK_DIR / "data_sources.md"
        if not page_path.exists() or page_path.read_text(encoding="utf-8") != page:
            stale.append(str(page_path.relative_to(paths.ROOT)))
        if stale:
            print("Out of date (run `make data`):\n  " + "\n  ".join(sorted(stale)))
            return 1
        print(f"data/ is up to date: {len(outputs) - 1} tables and the descriptor reproduce exactly.")
        return 0
    write(outputs, paths.DATA_DIR)
    validate(paths.DATA_DIR)
    (paths.BOOK_DIR / "data_sources.md").write_text(page, encoding="utf-8")
    print(f"wrote {len(outputs) - 1} tables, data/datapackage.json and book/data_sources.md")
    return 0


__all__ = ["all_tables", "build_outputs", "domains", "load", "main", "resource_descriptor"]
