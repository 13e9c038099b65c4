"""Every way of opening a chapter: Binder, JupyterHub (nbgitpuller), Colab, all from the one repository setting."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "book" / "_config.yml").read_text(encoding="utf-8"))
REPO_URL = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"]["branch"]
ORG, REPO = urlparse(REPO_URL).path.strip("/").split("/")[:2]
CHAPTERS = sorted(p.stem for p in (ROOT / "book" / "chapters").glob("*.ipynb"))


def _links(page: Path) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_has_well_formed_launch_links(site_dir, chapter):
    links = _links(site_dir / "chapters" / f"{chapter}.html")
    notebook = f"book/chapters/{chapter}.ipynb"

    binder = [u for u in links if u.startswith(CONFIG["launch_buttons"]["binderhub_url"])]
    assert binder == [f"https://mybinder.org/v2/gh/{ORG}/{REPO}/{BRANCH}?urlpath=lab/tree/{notebook}"], binder

    hub = [u for u in links if u.startswith(CONFIG["launch_buttons"]["jupyterhub_url"])]
    assert len(hub) == 1, hub
    parsed = urlparse(hub[0])
    assert parsed.path == "/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    assert query == {"repo": REPO_URL, "urlpath": f"lab/tree/{REPO}/{notebook}", "branch": BRANCH}

    colab = [u for u in links if u.startswith(CONFIG["launch_buttons"]["colab_url"])]
    assert colab == [f"https://colab.research.google.com/github/{ORG}/{REPO}/blob/{BRANCH}/{notebook}"], colab


def test_every_chapter_setup_cell_matches_the_repository_setting():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync_launch.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_requirements_are_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-"):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+!\-]+", line), f"{name}: not pinned exactly: {line}"
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"


def test_repo2docker_accepts_the_repository_with_python_311_and_the_pinned_requirements():
    """repo2docker prints the Binder image's build plan without Docker."""
    repo2docker = shutil.which("repo2docker") or str(Path(sys.executable).parent / "repo2docker")
    result = subprocess.run(
        [repo2docker, "--no-build", "--no-run", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300
    )
    plan = result.stdout + result.stderr
    assert result.returncode == 0, plan[-2000:]
    assert "python=3.11" in plan, "Binder would not use Python 3.11"
    assert 'pip install --no-cache-dir -r "requirements.txt"' in plan, "Binder would not install requirements.txt"
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore the root files"
