"""coursekit.load: every kind of bad input gives one clear error naming the file, the row and the field.

The tests corrupt copies of the real tables in data/ and check each message.
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from coursekit import DataError, load
from coursekit import data as data_module
from coursekit import paths

PACKAGE = json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))
CSV_TABLES = [r for r in PACKAGE["resources"] if r["format"] == "csv"]


def _copy_package(tmp_path: Path) -> Path:
    """A private copy of data/ (tables and descriptor) that a test may corrupt."""
    target = tmp_path / "data"
    target.mkdir()
    for entry in PACKAGE["resources"]:
        shutil.copyfile(paths.DATA_DIR / entry["path"], target / entry["path"])
    shutil.copyfile(paths.DESCRIPTOR, target / "datapackage.json")
    return target


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _first(fields: list[dict], predicate) -> dict | None:
    return next((f for f in fields if predicate(f)), None)


@pytest.mark.parametrize("entry", CSV_TABLES, ids=lambda e: e["name"])
def test_every_table_loads_with_its_declared_types(entry):
    frame = load(entry["name"])
    assert list(frame.columns) == [f["name"] for f in entry["schema"]["fields"]]
    expected_kind = {"integer": "i", "year": "i", "number": "f", "boolean": "b", "date": "M", "string": "O"}
    for field in entry["schema"]["fields"]:
        dtype = frame[field["name"]].dtype
        kind = "O" if isinstance(dtype, pd.StringDtype) else dtype.kind
        assert kind == expected_kind[field["type"]], f"{entry['name']}.{field['name']}: {dtype} for type {field['type']}"


def test_unknown_dataset_names_the_known_ones():
    with pytest.raises(DataError, match=r"no dataset named 'us_aid_per_year'.*known datasets: .*us_aid_by_year"):
        load("us_aid_per_year")


def test_missing_file(tmp_path):
    data_dir = _copy_package(tmp_path)
    (data_dir / "us_aid_by_year.csv").unlink()
    with pytest.raises(DataError, match=r"us_aid_by_year\.csv: file missing \(dataset 'us_aid_by_year'"):
        load("us_aid_by_year", data_dir=data_dir)


@pytest.mark.parametrize("entry", CSV_TABLES, ids=lambda e: e["name"])
def test_missing_column(tmp_path, entry):
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    rows = _rows(path)
    dropped = rows[0][-1]
    _write_rows(path, [row[:-1] for row in rows])
    with pytest.raises(DataError, match=rf"{entry['path']}, field '{dropped}': column missing from the header"):
        load(entry["name"], data_dir=data_dir)


def test_unexpected_column(tmp_path):
    data_dir = _copy_package(tmp_path)
    path = data_dir / "us_aid_by_year.csv"
    rows = _rows(path)
    _write_rows(path, [rows[0] + ["notes"]] + [row + [""] for row in rows[1:]])
    with pytest.raises(DataError, match=r"us_aid_by_year\.csv, field 'notes': unexpected column"):
        load("us_aid_by_year", data_dir=data_dir)


def _numeric(field: dict) -> bool:
    return field["type"] in ("number", "integer", "year")


def _bounded(field: dict) -> bool:
    return "minimum" in field.get("constraints", {})


@pytest.mark.parametrize("entry", [e for e in CSV_TABLES if _first(e["schema"]["fields"], _numeric)], ids=lambda e: e["name"])
def test_wrong_type_names_file_row_and_field(tmp_path, entry):
    field = _first(entry["schema"]["fields"], _numeric)
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    rows = _rows(path)
    column = rows[0].index(field["name"])
    rows[1][column] = "twelve"
    _write_rows(path, rows)
    kind = "a number" if field["type"] == "number" else "a whole number"
    with pytest.raises(DataError, match=rf"{entry['path']}, row 1 \(line 2\), field '{field['name']}': 'twelve' is not {kind}"):
        load(entry["name"], data_dir=data_dir)


@pytest.mark.parametrize("entry", [e for e in CSV_TABLES if _first(e["schema"]["fields"], _bounded)], ids=lambda e: e["name"])
def test_value_out_of_range(tmp_path, entry):
    field = _first(entry["schema"]["fields"], _bounded)
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    rows = _rows(path)
    column = rows[0].index(field["name"])
    too_small = field["constraints"]["minimum"] - 1
    rows[1][column] = str(int(too_small)) if field["type"] in ("integer", "year") else str(float(too_small))
    _write_rows(path, rows)
    with pytest.raises(DataError, match=rf"{entry['path']}, row 1 \(line 2\), field '{field['name']}': .* is below the minimum"):
        load(entry["name"], data_dir=data_dir)


@pytest.mark.parametrize("entry", [e for e in CSV_TABLES if e["schema"].get("primaryKey")], ids=lambda e: e["name"])
def test_duplicate_primary_key(tmp_path, entry):
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    rows = _rows(path)
    rows.append(rows[1])
    _write_rows(path, rows)
    last = len(rows) - 1
    with pytest.raises(DataError, match=rf"{entry['path']}, row {last} \(line {last + 1}\), field '.*': (duplicate primary key .*first seen in row 1|'.*' appears more than once)"):
        load(entry["name"], data_dir=data_dir)


def test_value_not_allowed(tmp_path):
    entry = next(e for e in CSV_TABLES if _first(e["schema"]["fields"], lambda f: "enum" in f.get("constraints", {})))
    field = _first(entry["schema"]["fields"], lambda f: "enum" in f.get("constraints", {}))
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    rows = _rows(path)
    rows[1][rows[0].index(field["name"])] = "Atlantis"
    _write_rows(path, rows)
    with pytest.raises(DataError, match=rf"{entry['path']}, row 1 \(line 2\), field '{field['name']}': 'Atlantis' is not one of the allowed values"):
        load(entry["name"], data_dir=data_dir)


def test_required_value_missing(tmp_path):
    entry = next(e for e in CSV_TABLES if e["name"] == "us_aid_by_year")
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    rows = _rows(path)
    rows[5][0] = ""
    _write_rows(path, rows)
    with pytest.raises(DataError, match=rf"us_aid_by_year\.csv, row 5 \(line 6\), field '{rows[0][0]}': empty, but a value is required"):
        load("us_aid_by_year", data_dir=data_dir)


def test_ragged_row(tmp_path):
    data_dir = _copy_package(tmp_path)
    path = data_dir / "us_aid_by_year.csv"
    rows = _rows(path)
    rows[4] = rows[4][:-2]
    _write_rows(path, rows)
    with pytest.raises(DataError, match=r"us_aid_by_year\.csv, row 4 \(line 5\): \d+ cells, but the header has \d+ columns"):
        load("us_aid_by_year", data_dir=data_dir)


def test_malformed_geojson(tmp_path):
    entry = next(e for e in PACKAGE["resources"] if e["format"] == "geojson")
    data_dir = _copy_package(tmp_path)
    (data_dir / entry["path"]).write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataError, match=rf"{entry['path']}: not valid JSON"):
        load(entry["name"], data_dir=data_dir)


def test_geojson_property_of_wrong_type(tmp_path):
    entry = next(e for e in PACKAGE["resources"] if e["format"] == "geojson")
    data_dir = _copy_package(tmp_path)
    path = data_dir / entry["path"]
    collection = json.loads(path.read_text(encoding="utf-8"))
    field = entry["schema"]["fields"][0]
    collection["features"][0]["properties"][field["name"]] = [1, 2]
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{entry['path']}, feature 1, field '{field['name']}': \[1, 2\] is not of type"):
        load(entry["name"], data_dir=data_dir)


def test_descriptor_that_is_not_json(tmp_path):
    broken = tmp_path / "datapackage.json"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json: not valid JSON \(line 1"):
        data_module.descriptor(broken)
