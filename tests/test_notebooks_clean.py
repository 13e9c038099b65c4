"""Notebooks are stored clean: no outputs or execution counts, the python3 kernel, and the chapter template's parts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts)
CHAPTERS = sorted((ROOT / "book" / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_stored_clean(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    kernelspec = notebook.get("metadata", {}).get("kernelspec", {})
    assert kernelspec.get("name") == "python3", f"{path.name}: kernelspec must be python3, not {kernelspec.get('name')!r}"
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert not cell.get("outputs"), f"{path.name}: cell {index} has stored outputs (clear them before committing)"
        assert cell.get("execution_count") is None, f"{path.name}: cell {index} has an execution count"


def test_there_are_ten_chapters():
    assert len(CHAPTERS) == 10, [p.name for p in CHAPTERS]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_follows_the_template(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    for heading in ("## In this chapter", "## Check your understanding", "## Work with the data", "## Key takeaways", "## References"):
        assert heading in markdown, f"{path.name}: missing the section {heading!r}"
    assert ":class: perspectives" in markdown, f"{path.name}: missing the Perspectives box"
    assert "{footbibliography}" in markdown, f"{path.name}: missing the chapter's reference list ({{footbibliography}})"
    assert "[^" not in markdown, f"{path.name}: use {{footcite}} for references, not Markdown footnotes ([^...])"
    chapter_id = "ch" + path.name[:2]
    assert f'quiz.show("{chapter_id}")' in code, f"{path.name}: the quiz cell must call quiz.show({chapter_id!r})"
    solutions = [c for c in notebook["cells"] if c["cell_type"] == "code" and "hide-input" in c.get("metadata", {}).get("tags", [])]
    assert solutions, f"{path.name}: needs a worked solution cell tagged hide-input (collapsed in the book, run in CI)"
