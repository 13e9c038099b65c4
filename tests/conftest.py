"""Shared fixtures: the built site, a local server for it, and a headless Chromium that may not reach the internet."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = Path(os.environ.get("COURSE_SITE_DIR", ROOT / "book" / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def skip_or_fail(reason: str) -> None:
    """Without a built site or a browser a laptop may skip the browser tests; CI must not."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE_DIR / "index.html").exists():
        skip_or_fail(f"no built site at {SITE_DIR}: run `make book` (or `make test`, which builds it)")
    return SITE_DIR


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The built site served on a free local port, gzip-compressed like a static web host."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), str(site_dir), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if "http://" not in line:
        process.kill()
        pytest.fail(f"the local server did not start: {line!r}")
    url = line.split("on ", 1)[1].split(" ", 1)[0]
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        skip_or_fail("headless Chromium not found: install Debian's package with `sudo apt-get install chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed: run `make env`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS


@pytest.fixture
def page(browser):
    """A fresh page whose every request to a non-local host is aborted and recorded.

    ``page.course_external``: the URLs that were blocked; ``page.course_errors``: console errors and page errors.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.course_external = []
    page.course_errors = []

    def route(route_request):
        url = route_request.request.url
        if _is_local(url):
            route_request.continue_()
        else:
            page.course_external.append(url)
            route_request.abort()

    context.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and page.course_errors.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: page.course_errors.append(f"page error: {error}"))
    yield page
    context.close()
