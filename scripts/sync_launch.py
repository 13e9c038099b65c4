"""Keep every chapter's setup cell in step with the one repository setting in book/_config.yml.

Binder installs the course from requirements.txt, so there the course package is already importable. On Google Colab,
or on a JupyterHub that pulled the repository with nbgitpuller, it is not: each chapter therefore starts with a small
setup cell (hidden in the website) that installs the package when it is missing, fetching the repository named in
book/_config.yml when the notebook is not inside a copy of it (Colab).

Usage: python scripts/sync_launch.py          rewrite the setup cell in every chapter
       python scripts/sync_launch.py --check  exit 1 if any chapter's setup cell is missing or out of date
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "book" / "chapters"
TAG = "course-setup"

TEMPLATE = '''# Setup for Google Colab or a JupyterHub: installs the course package if this notebook was opened without it.
# (On Binder and in the course's own environment it is already installed, and this cell does nothing.)
import importlib.util, pathlib, subprocess, sys
if importlib.util.find_spec("coursekit") is None:
    here = pathlib.Path.cwd()
    root = next((p for p in [here, *here.parents] if (p / "book" / "_config.yml").exists()), None)
    if root is None:  # Colab: fetch the course next to this notebook
        root = here / "{name}"
        subprocess.run(["git", "clone", "--depth", "1", "--branch", "{branch}", "{url}", str(root)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], cwd=root, check=True)
    import site
    for folder in site.getsitepackages():
        site.addsitedir(folder)  # makes the package just installed importable without restarting the kernel
    %cd {{root}}/book/chapters'''


def setup_source() -> str:
    config = yaml.safe_load((ROOT / "book" / "_config.yml").read_text(encoding="utf-8"))
    repository = config["repository"]
    url = repository["url"].rstrip("/")
    return TEMPLATE.format(url=url, branch=repository.get("branch", "main"), name=url.rsplit("/", 1)[-1])


def setup_cell() -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(setup_source())
    cell.metadata["tags"] = ["remove-cell", TAG]
    cell.id = TAG
    return cell


def _index(notebook) -> int | None:
    for index, cell in enumerate(notebook.cells):
        if TAG in cell.get("metadata", {}).get("tags", []):
            return index
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    expected = setup_source()
    stale = []
    for path in sorted(CHAPTERS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        index = _index(notebook)
        if index is not None and notebook.cells[index].source == expected and notebook.cells[index].get("id") == TAG:
            continue
        stale.append(path.name)
        if args.check:
            continue
        cell = setup_cell()
        if index is None:
            first_code = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), len(notebook.cells))
            notebook.cells.insert(first_code, cell)
        else:
            notebook.cells[index] = cell
        nbformat.write(notebook, path)
    if args.check and stale:
        print("chapters whose setup cell does not match book/_config.yml (run `python scripts/sync_launch.py`):")
        print("  " + "\n  ".join(stale))
        return 1
    if not args.check:
        print(f"setup cell updated in {len(stale)} chapter(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
