"""The downloadable offline copy: opened from disk (file://) with every non-local request blocked, it works."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from site_pages import draw_all_charts

ARCHIVE = Path("_downloads") / "offline" / "pakistan-china-us-course.zip"


@pytest.fixture(scope="module")
def offline_copy(site_dir, tmp_path_factory) -> Path:
    archive = site_dir / ARCHIVE
    assert archive.exists(), f"no offline archive at {archive}: `make book` writes it"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(target)
    return target / "pakistan-china-us-course"


def test_archive_holds_the_whole_site(offline_copy, site_dir):
    for page in ["index.html", "intro.html", "progress.html", "data_sources.html", "_static/course/plotly.min.js"]:
        assert (offline_copy / page).exists(), f"the offline copy lacks {page}"
    chapters = sorted(p.name for p in (offline_copy / "chapters").glob("*.html"))
    assert chapters == sorted(p.name for p in (site_dir / "chapters").glob("*.html"))


@pytest.mark.parametrize("chapter", sorted(p.name for p in (Path(__file__).resolve().parents[1] / "book" / "chapters").glob("*.ipynb")))
def test_chapter_works_from_disk(page, offline_copy, chapter):
    url = (offline_copy / "chapters" / chapter.replace(".ipynb", ".html")).as_uri()
    page.goto(url, wait_until="load")
    drawn = draw_all_charts(page)
    assert page.locator("figure.course-chart[data-draw-state='failed']").count() == 0
    assert page.locator("figure.course-chart .main-svg").count() >= drawn
    assert not page.course_external, f"{chapter} from disk requested external hosts: {page.course_external}"
    assert not page.course_errors, f"{chapter} from disk logged errors: {page.course_errors}"
    quiz = page.locator(".course-quiz .cq-question:has(input[type=radio])").first
    quiz.scroll_into_view_if_needed()
    quiz.locator("input[type=radio]").first.check()
    quiz.get_by_role("button", name=re.compile("check", re.IGNORECASE)).click()
    assert quiz.locator("[role=status]").inner_text().strip(), f"{chapter}: the quiz gave no feedback from disk"


def test_cpec_map_draws_from_disk(page, offline_copy):
    page.goto((offline_copy / "chapters" / "04_cpec.html").as_uri(), wait_until="load")
    draw_all_charts(page)
    assert page.locator("figure.course-chart .geo").count() >= 1, "no geo map drawn from disk"
    assert not page.course_external and not page.course_errors
