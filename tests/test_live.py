"""The chapters live, as a reader on Binder or a JupyterHub runs them.

1. Each chapter is executed in a fresh kernel exactly as JupyterLab runs it (no book-build setting), and the outputs'
   mimetypes are checked: every chart arrives as plotly's own JSON (drawn by JupyterLab's plotly extension), every
   quiz as HTML with its script, and nothing points at a CDN.
2. One chapter is opened in a real JupyterLab in headless Chromium, run, and its chart and quiz are used.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book" / "chapters").glob("*.ipynb"))
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CDN = re.compile(r"https?://(cdn\.|cdnjs\.|unpkg\.com|cdn\.jsdelivr|cdn\.plot\.ly|fonts\.googleapis)")


def _execute(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def _chart_calls(cell_source: str) -> int:
    return len(re.findall(r"^charts\.\w+\(", cell_source, flags=re.MULTILINE))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_outputs_in_a_live_kernel(path: Path, monkeypatch):
    monkeypatch.delenv("COURSE_BOOK_BUILD", raising=False)  # the kernel inherits this environment, as in JupyterLab
    notebook = _execute(path)
    charts_expected = 0
    plotly_outputs = 0
    quiz_outputs = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        charts_expected += _chart_calls(cell.source)
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{path.name}: {output.get('ename')}: {output.get('evalue')}"
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                plotly_outputs += 1
                figure = data[PLOTLY_MIME]
                assert figure.get("data"), f"{path.name}: an empty plotly figure"
                assert not CDN.search(json.dumps(figure)), f"{path.name}: a chart refers to a CDN"
            html = data.get("text/html", "")
            if "course-quiz" in html:
                quiz_outputs += 1
            assert not CDN.search(html), f"{path.name}: an HTML output refers to a CDN"
    assert plotly_outputs >= charts_expected, f"{path.name}: {charts_expected} chart calls, {plotly_outputs} plotly outputs"
    assert quiz_outputs == 1, f"{path.name}: expected one quiz output, found {quiz_outputs}"


# -- JupyterLab in a browser ------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    port = _free_port()
    token = "course-test"
    env = {k: v for k, v in os.environ.items() if k != "COURSE_BOOK_BUILD"}
    # A private settings folder: render every cell, not only those in view, so the test can find each output.
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
            "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={ROOT}",
            "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *(["--allow-root"] if os.geteuid() == 0 else []),  # CI runs as root
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("JupyterLab did not start: " + process.stderr.read()[-2000:])
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("JupyterLab did not answer within 60 s")
    yield base, token
    process.terminate()
    process.wait(timeout=20)


def test_a_chapter_runs_in_jupyterlab_with_chart_map_and_quiz(page, jupyterlab):
    base, token = jupyterlab
    notebook = "book/chapters/04_cpec.ipynb"
    page.set_default_timeout(90_000)
    page.goto(f"{base}/lab/tree/{notebook}?token={token}", wait_until="load")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget")
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
        " && w.sessionContext.session.kernel.status === 'idle'; }"
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return w.sessionContext.session.kernel.status === 'idle'"
        " && document.querySelectorAll('.jp-InputArea-prompt').length > 0"
        " && ![...document.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*')); }"
    )
    page.wait_for_selector(".jp-OutputArea-output.js-plotly-plot .main-svg", state="attached")
    maps = page.locator(".jp-OutputArea-output.js-plotly-plot .geo").count()
    assert maps >= 1, "the CPEC map did not draw in JupyterLab"
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    assert not [e for e in errors if "Error" in e], errors
    quiz = page.locator(".jp-OutputArea-output .course-quiz").first
    quiz.scroll_into_view_if_needed()
    first_question = quiz.locator(".cq-question:has(input[type=radio])").first
    first_question.locator("input[type=radio]").first.check()
    first_question.get_by_role("button", name=re.compile("check", re.IGNORECASE)).click()
    feedback = first_question.locator("[role=status]")
    assert feedback.inner_text().strip(), "the quiz gave no feedback in JupyterLab"
    assert not page.course_external, f"JupyterLab requested external hosts: {page.course_external}"
