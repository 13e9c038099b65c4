"""The data package: every file described, the descriptor valid, the preparation step reproducible."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from frictionless import Package

from coursekit import paths, prepare
from coursekit.figures import dataset_anchor
from coursekit.prepare.sources_page import render_sources_page

PACKAGE = json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))
SHARED_SOURCES = Path(os.environ.get("COURSE_SHARED_SOURCES", paths.ROOT.parent / "shared" / "data-sources"))


def test_descriptor_is_a_valid_frictionless_data_package():
    report = Package.validate_descriptor(PACKAGE)
    assert report.valid, [error.message for error in report.errors]


def test_every_file_in_data_is_described_and_every_described_file_exists():
    described = {entry["path"] for entry in PACKAGE["resources"]}
    on_disk = {
        path.name
        for path in paths.DATA_DIR.iterdir()
        if path.is_file() and path.name not in ("datapackage.json", "README.md")
    }
    assert on_disk == described, f"not described: {sorted(on_disk - described)}; described but missing: {sorted(described - on_disk)}"


@pytest.mark.parametrize("entry", PACKAGE["resources"], ids=lambda e: e["name"])
def test_resource_has_sources_licence_provenance_and_caveats(entry):
    assert entry["title"] and entry["description"]
    assert entry["sources"], f"{entry['name']}: no source"
    for source in entry["sources"]:
        assert source["title"] and source["path"].startswith(("http://", "https://")), f"{entry['name']}: source {source}"
    assert entry["licenses"] and all(lic["name"] and lic["title"] for lic in entry["licenses"])
    assert entry["provenance"]
    assert isinstance(entry["caveats"], list)
    assert entry["raw"], f"{entry['name']}: no raw file named"
    for field in entry["schema"]["fields"]:
        assert field["description"], f"{entry['name']}.{field['name']}: no description"


def test_every_raw_file_is_used_and_every_named_raw_file_exists():
    named = {r for entry in PACKAGE["resources"] for r in entry["raw"] if r.startswith("raw/")}
    on_disk = {str(p.relative_to(paths.DATA_DIR)) for p in paths.RAW_DIR.rglob("*") if p.is_file()}
    assert named <= on_disk, f"named but missing: {sorted(named - on_disk)}"
    assert on_disk <= named, f"raw files no table uses: {sorted(on_disk - named)}"


def test_raw_files_are_verbatim_copies_of_the_published_files():
    """data/raw/X must be byte-identical to the collected source file it copies."""
    if not SHARED_SOURCES.exists():
        pytest.skip(f"the collected sources are not beside the repository ({SHARED_SOURCES}); set COURSE_SHARED_SOURCES")
    checked = 0
    for raw in paths.RAW_DIR.rglob("*"):
        # raw/compiled/ holds the tables the course compiled itself from cited pages: they have no published file.
        if not raw.is_file() or raw.relative_to(paths.RAW_DIR).parts[0] == "compiled":
            continue
        original = SHARED_SOURCES / raw.relative_to(paths.RAW_DIR)
        assert original.exists(), f"{raw.relative_to(paths.ROOT)} has no original at {original}"
        assert hashlib.sha256(raw.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest(), (
            f"{raw.relative_to(paths.ROOT)} differs from the published file"
        )
        checked += 1
    assert checked > 0


def test_course_compiled_tables_cite_a_source_on_every_row():
    import csv

    for path in (paths.RAW_DIR / "compiled").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        url_columns = [c for c in rows[0] if "url" in c.lower()]
        assert url_columns, f"{path.name}: no source URL column"
        for number, row in enumerate(rows, start=1):
            assert any(row[c].startswith("http") for c in url_columns), f"{path.name}, row {number}: no source URL"


def test_preparation_reproduces_the_committed_tables_exactly():
    outputs = prepare.build_outputs(paths.RAW_DIR)
    for name, text in outputs.items():
        committed = (paths.DATA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"data/{name} differs from what `make data` produces; run `make data` and commit"


def test_data_sources_page_is_generated_from_the_descriptor():
    page = render_sources_page(PACKAGE, prepare.domains())
    committed = (paths.BOOK_DIR / "data_sources.md").read_text(encoding="utf-8")
    assert committed == page, "book/data_sources.md is stale: run `make data`"
    for entry in PACKAGE["resources"]:
        assert f"({dataset_anchor(entry['name'])})=" in page
