"""The quizzes in a real browser: grading by mouse and by keyboard, feedback in the live region, saved progress,
the "My progress" page and its reset, and no accessibility violations (axe-core).

Two kinds of page are used, both served from the built site's origin with the site's own quiz.js and quiz.css:
- a fixture page with the test bank tests/fixtures/quizzes/good/ch90.yml (every question type, known answers);
- the real chapter pages and the real "My progress" page, answered from the banks in quizzes/.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_pages import built_pages

from coursekit import quiz

ROOT = Path(__file__).resolve().parents[1]
GOOD = Path(__file__).parent / "fixtures" / "quizzes" / "good"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KEY = "coursekit.quiz.v1"
FIXTURE_QUIZ = "chapters/quiz-fixture.html"
FIXTURE_PROGRESS = "quiz-progress-fixture.html"


def _page_html(title: str, body: str, prefix: str) -> str:
    """A page shaped like the book's: the site's quiz.css and deferred quiz.js, and the Python-rendered HTML."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="{prefix}_static/course/quiz.css">'
        f'<script defer src="{prefix}_static/course/quiz.js"></script></head>'
        f'<body><main><h1>{title}</h1><h2 id="first-section">First section</h2><p>Text.</p>{body}</main></body></html>'
    )


@pytest.fixture
def base_url(site_url) -> str:
    return site_url.rstrip("/")


@pytest.fixture
def fixture_site(page, base_url, site_dir, monkeypatch):
    """Serve the fixture quiz and a fixture progress page at URLs of the built site; return their URLs."""
    for name in ("quiz.js", "quiz.css"):
        assert (site_dir / "_static" / "course" / name).is_file(), f"the site does not serve _static/course/{name}"
    monkeypatch.setenv("COURSE_BOOK_BUILD", "1")
    bank = quiz.load_bank(GOOD / "ch90.yml")
    pages = {
        f"{base_url}/{FIXTURE_QUIZ}": _page_html("Test chapter", quiz.Quiz(bank)._repr_html_(), "../"),
        f"{base_url}/{FIXTURE_PROGRESS}": _page_html("My progress", quiz.progress_page(GOOD)._repr_html_(), ""),
    }
    for url, body in pages.items():
        page.route(url, _serve(body))
    return f"{base_url}/{FIXTURE_QUIZ}", f"{base_url}/{FIXTURE_PROGRESS}"


def _serve(body: str):
    return lambda route: route.fulfill(status=200, content_type="text/html", body=body)


def q(chapter: str, qid: str) -> str:
    return f"#cq-{chapter}-{qid}"


def seen(locator) -> str:
    """The element's text with whitespace collapsed. (Not innerText: the site lets the browser skip rendering
    sections far off screen, CSS content-visibility, and their innerText is then empty.)"""
    return " ".join(locator.text_content().split())


def feedback(page, selector: str) -> str:
    return seen(page.locator(f"{selector} .cq-feedback"))


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "{}")


def script_errors(page) -> list[str]:
    """JavaScript errors only: failed external loads on chapter pages are test_site.py's business."""
    return [error for error in page.course_errors if error.startswith("page error")]


def axe_violations(page) -> list:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make node-deps`")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "axe.run(document).then(r => r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes[0].html}`))"
    )


def open_quiz(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("section.course-quiz[data-ready]")


# ------------------------------------------------------------------------------------------- fixture quiz


def test_mouse_right_and_wrong_answers(page, fixture_site):
    quiz_url, _ = fixture_site
    open_quiz(page, quiz_url)
    single = q("ch90", "t-single")
    page.get_by_label("Vermilion").check()
    page.click(f"{single} .cq-check")
    text = feedback(page, single)
    assert text.startswith("✓ Correct.")
    assert "Vermilion marks China" in text and "Blue is used" not in text  # the chosen choice's explanation only
    # The feedback is inside the question's live region.
    assert page.locator(f"{single} [role=status][aria-live=polite] .cq-verdict").count() == 1

    multiple = q("ch90", "t-multiple")
    page.get_by_label("essay").check()
    page.click(f"{multiple} .cq-check")
    assert feedback(page, multiple).startswith(
        "✗ Not quite: 1 of your choices is not correct, and 2 correct choices are missing."
    )
    assert "There is no free-text type" in feedback(page, multiple)
    assert "Read again: the section “Second section”." in feedback(page, multiple)
    page.click(f"{multiple} .cq-retry")
    assert feedback(page, multiple) == "" and not page.get_by_label("essay").is_checked()
    page.get_by_label("single").check()
    page.get_by_label("ordering").check()
    page.click(f"{multiple} .cq-check")
    assert feedback(page, multiple).startswith("✓ Correct.")

    truefalse = q("ch90", "t-truefalse")
    page.click(f"{truefalse} label:text-is('True')")
    page.click(f"{truefalse} .cq-check")
    assert feedback(page, truefalse).startswith("✗ Not quite.")
    assert "A pledge is a promise" in feedback(page, truefalse)

    numeric = q("ch90", "t-numeric-decimal")
    page.get_by_label("Your answer, in US$ billion").fill("2.35")
    page.click(f"{numeric} .cq-check")
    assert feedback(page, numeric).startswith("✗ Not quite: 2.35 is too high.")
    page.click(f"{numeric} .cq-retry")
    page.get_by_label("Your answer, in US$ billion").fill("2.25")  # within the tolerance of 0.2
    page.click(f"{numeric} .cq-check")
    assert feedback(page, numeric).startswith("✓ Correct.")

    ordering = q("ch90", "t-ordering")
    page.click(f"{ordering} .cq-check")  # the shuffled start order is never right
    assert feedback(page, ordering).startswith("✗ Not quite: items in the right place:")
    page.click(f"{ordering} .cq-retry")
    for position, item in enumerate(["one", "two", "three", "four"], start=1):
        page.get_by_label(item, exact=True).select_option(str(position))
    page.click(f"{ordering} .cq-check")
    assert feedback(page, ordering).startswith("✓ Correct.")

    assert seen(page.locator(".cq-score")) == "Score: 4 of 6 correct (5 answered)."
    assert page.course_errors == [] and page.course_external == []


def test_empty_answer_is_not_graded(page, fixture_site):
    open_quiz(page, fixture_site[0])
    numeric = q("ch90", "t-numeric")
    page.click(f"{numeric} .cq-check")
    assert feedback(page, numeric) == "Enter a number first."
    page.click(f"{q('ch90', 't-single')} .cq-check")
    assert feedback(page, q("ch90", "t-single")) == "Choose an answer first."
    assert stored(page) == {}


def test_keyboard_only_and_arrows_never_grade(page, fixture_site):
    open_quiz(page, fixture_site[0])
    single = q("ch90", "t-single")
    first_radio = page.locator(f"{single}-c0")
    for _ in range(30):  # Tab from the top of the page to the first radio button
        page.keyboard.press("Tab")
        if first_radio.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first radio button")
    page.keyboard.press("Space")
    assert first_radio.is_checked()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.locator(f"{single}-c1").is_checked()
    # Arrow keys move the selection only: nothing graded, shown or saved.
    assert feedback(page, single) == ""
    assert page.locator(f"{single}[data-result]").count() == 0
    assert stored(page) == {}
    page.keyboard.press("ArrowDown")  # Green: a wrong answer
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "cq-check"
    page.keyboard.press("Enter")
    assert feedback(page, single).startswith("✗ Not quite.")
    assert "Green marks Pakistan" in feedback(page, single)
    # Focus moves to "Try again"; Space there clears the question and returns to the choices.
    assert page.evaluate("document.activeElement.className") == "cq-retry"
    page.keyboard.press("Space")
    assert feedback(page, single) == ""
    assert first_radio.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")  # Vermilion
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert feedback(page, single).startswith("✓ Correct.")
    assert stored(page)["ch90"]["t-single"]["correct"] is True

    # A checkbox with Space, a number with Enter.
    page.focus(f"{q('ch90', 't-multiple')}-c0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "ordering"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert feedback(page, q("ch90", "t-multiple")).startswith("✓ Correct.")
    page.focus(f"{q('ch90', 't-numeric')}-n")
    page.keyboard.type("5")
    page.keyboard.press("Enter")
    assert feedback(page, q("ch90", "t-numeric")).startswith("✓ Correct.")
    assert page.course_errors == []


def test_progress_is_saved_and_restored_after_reload(page, fixture_site):
    open_quiz(page, fixture_site[0])
    page.get_by_label("Vermilion").check()
    page.click(f"{q('ch90', 't-single')} .cq-check")
    page.get_by_label("Your answer, in types").fill("4")
    page.click(f"{q('ch90', 't-numeric')} .cq-check")
    saved = stored(page)["ch90"]
    assert set(saved) == {"t-single", "t-numeric"}
    assert saved["t-single"]["correct"] is True and saved["t-single"]["answer"] == 1
    assert saved["t-numeric"] == {"correct": False, "answer": 4, "time": saved["t-numeric"]["time"]}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", saved["t-numeric"]["time"])

    page.reload()
    page.wait_for_selector("section.course-quiz[data-ready]")
    assert page.get_by_label("Vermilion").is_checked() and page.get_by_label("Vermilion").is_disabled()
    assert feedback(page, q("ch90", "t-single")).startswith("✓ Correct.")
    assert page.get_by_label("Your answer, in types").input_value() == "4"
    assert feedback(page, q("ch90", "t-numeric")).startswith("✗ Not quite: 4 is too low.")
    assert seen(page.locator(".cq-score")) == "Score: 1 of 6 correct (2 answered)."
    # "Try again" forgets the saved answer.
    page.click(f"{q('ch90', 't-numeric')} .cq-retry")
    assert set(stored(page)["ch90"]) == {"t-single"}
    assert page.course_errors == []


def test_progress_page_shows_scores_and_reset_clears_them(page, fixture_site):
    quiz_url, progress_url = fixture_site
    open_quiz(page, quiz_url)
    page.get_by_label("Vermilion").check()
    page.click(f"{q('ch90', 't-single')} .cq-check")
    page.click(f"{q('ch90', 't-truefalse')} label:text-is('True')")
    page.click(f"{q('ch90', 't-truefalse')} .cq-check")

    page.goto(progress_url)
    row = page.locator('tr[data-chapter="ch90"]')
    assert seen(row.locator(".cq-answered")) == "2"
    assert seen(row.locator(".cq-correct")) == "1 of 6"
    assert seen(page.locator('tr[data-chapter="ch91"] .cq-correct')) == "0 of 1"
    assert seen(page.locator("tfoot .cq-correct")) == "1 of 7"

    page.once("dialog", lambda dialog: dialog.dismiss())  # cancelling the confirmation keeps everything
    page.get_by_role("button", name="Reset my progress").click()
    assert seen(row.locator(".cq-correct")) == "1 of 6"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert seen(row.locator(".cq-answered")) == "0"
    assert seen(row.locator(".cq-correct")) == "0 of 6"
    assert seen(page.locator("[role=status]")) == "Your progress has been reset."
    assert stored(page) == {}
    open_quiz(page, quiz_url)
    assert seen(page.locator(".cq-score")) == "Score: 0 of 6 correct."
    assert page.course_errors == []


def test_quiz_works_when_storage_is_blocked(page, fixture_site):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage',"
        " {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    open_quiz(page, fixture_site[0])
    assert page.locator(".cq-storage-note").is_visible()
    page.get_by_label("Vermilion").check()
    page.click(f"{q('ch90', 't-single')} .cq-check")
    assert feedback(page, q("ch90", "t-single")).startswith("✓ Correct.")
    assert seen(page.locator(".cq-score")) == "Score: 1 of 6 correct."
    page.goto(fixture_site[1])
    assert page.locator(".cq-storage-note").is_visible()
    assert not page.locator(".cq-reset").is_visible()  # nothing to reset
    assert page.course_errors == []


def test_no_accessibility_violations(page, fixture_site):
    open_quiz(page, fixture_site[0])
    assert axe_violations(page) == []
    page.get_by_label("Green").check()
    page.click(f"{q('ch90', 't-single')} .cq-check")
    page.click(f"{q('ch90', 't-ordering')} .cq-check")
    page.locator(f"{q('ch90', 't-single')} summary").click()
    assert page.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))") == []
    page.goto(fixture_site[1])
    assert axe_violations(page) == []


def test_answer_is_readable_without_javascript(browser, base_url, fixture_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        body = _page_html("Test chapter", quiz.Quiz(quiz.load_bank(GOOD / "ch90.yml"))._repr_html_(), "../")
        page.route(f"{base_url}/{FIXTURE_QUIZ}", _serve(body))
        page.goto(f"{base_url}/{FIXTURE_QUIZ}")
        assert page.locator("legend").count() == 6
        assert not page.locator(".cq-check").first.is_visible()  # nothing that needs JavaScript is offered
        summary = page.locator(f"{q('ch90', 't-single')} summary")
        assert summary.inner_text() == "Show answer"
        summary.click()
        assert "Answer: Vermilion #D55E00." in seen(page.locator(f"{q('ch90', 't-single')} .cq-answer"))
    finally:
        context.close()


# ------------------------------------------------------------------------------------------- the real site


def _banks() -> dict:
    return quiz.validate_all()


def _chapters() -> list[str]:
    """The chapters with a bank, for parametrizing (a broken bank is reported by test_quiz.py, not here)."""
    try:
        return sorted(_banks())
    except quiz.QuizError:
        return []


def _find_quiz_page(site_dir: Path, chapter: str) -> Path | None:
    for path in built_pages(site_dir):
        if f'class="course-quiz" id="quiz-{chapter}"' in path.read_text(encoding="utf-8"):
            return path
    return None


def _quiz_page(site_dir: Path, chapter: str) -> Path:
    path = _find_quiz_page(site_dir, chapter)
    if path is None:
        pytest.fail(f"quizzes/{chapter}.yml: no page of the built site shows this quiz (call quiz.show({chapter!r}))")
    return path


def answer(page, chapter: str, question: dict, right: bool) -> None:
    """Answer a question of a real bank through the page, rightly or wrongly, and press Check."""
    sel = q(chapter, question["id"])
    kind = question["type"]
    if kind in ("single", "multiple"):
        correct = [i for i, c in enumerate(question["choices"]) if c.get("correct")]
        wrong = [i for i in range(len(question["choices"])) if i not in correct]
        for index in (correct if right else wrong[:1]):
            page.locator(f"{sel}-c{index}").check()
    elif kind == "truefalse":
        page.locator(f"{sel}-c{0 if question['answer'] == right else 1}").check()
    elif kind == "numeric":
        value = question["answer"] if right else question["answer"] + question["tolerance"] + 1
        page.locator(f"{sel}-n").fill(str(value))
    elif right:
        for rank, item in enumerate(question["items"]):
            page.locator(f'{sel} li[data-rank="{rank}"] select').select_option(str(rank + 1))
    page.click(f"{sel} .cq-check")


@pytest.mark.parametrize("chapter", _chapters())
def test_every_bank_has_a_working_quiz_on_the_site(page, base_url, site_dir, chapter):
    """Every question of every real bank: wrong, then Try again, then right; the saved score survives a reload."""
    bank = _banks()[chapter]
    path = _quiz_page(site_dir, chapter)
    html = path.read_text(encoding="utf-8")
    assert "_static/course/quiz.js" in html and "_static/course/quiz.css" in html, f"{path}: quiz assets missing"
    section = html[html.index(f'id="quiz-{chapter}"') :]
    assert "<script" not in section[: section.index("</section>")], f"{path}: inline script in the quiz"
    open_quiz(page, f"{base_url}/{path.relative_to(site_dir).as_posix()}")
    for question in bank["questions"]:
        where = f"quizzes/{chapter}.yml: question {question['id']!r}"
        answer(page, chapter, question, right=False)
        assert feedback(page, q(chapter, question["id"])).startswith("✗ Not quite"), where
        page.click(f"{q(chapter, question['id'])} .cq-retry")
        answer(page, chapter, question, right=True)
        assert feedback(page, q(chapter, question["id"])).startswith("✓ Correct."), where
    # The section a question names is a heading on the same page.
    for link in page.locator(f"#quiz-{chapter} .cq-answer .cq-section a").all():
        target = link.get_attribute("href")[1:]
        assert page.locator(f'[id="{target}"]').count() >= 1, f"quizzes/{chapter}.yml: no section with id {target!r}"
    page.reload()
    page.wait_for_selector(f"#quiz-{chapter}[data-ready]")
    total = len(bank["questions"])
    assert seen(page.locator(f"#quiz-{chapter} .cq-score")) == f"Score: {total} of {total} correct."
    assert script_errors(page) == []


def test_real_progress_page_lists_every_bank_and_resets(page, base_url, site_dir):
    path = site_dir / "progress.html"
    assert path.is_file(), "the book has no progress page (book/progress.ipynb)"
    assert "_static/course/quiz.js" in path.read_text(encoding="utf-8")
    banks = _banks()
    page.goto(f"{base_url}/progress.html")
    page.wait_for_selector("section.course-progress[data-ready]")
    rows = page.locator("tbody tr")
    assert [rows.nth(i).get_attribute("data-chapter") for i in range(rows.count())] == sorted(banks)
    if not banks:
        return
    # The first chapter whose quiz is on the site (a missing one fails test_every_bank_has_a_working_quiz_on_the_site).
    chapter, path = next(((c, p) for c in sorted(banks) if (p := _find_quiz_page(site_dir, c))), (None, None))
    assert path is not None, "no page of the built site shows a quiz"
    bank = banks[chapter]
    open_quiz(page, f"{base_url}/{path.relative_to(site_dir).as_posix()}")
    answer(page, chapter, bank["questions"][0], right=True)
    page.goto(f"{base_url}/progress.html")
    assert seen(page.locator(f'tr[data-chapter="{chapter}"] .cq-correct')) == f"1 of {len(bank['questions'])}"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert seen(page.locator(f'tr[data-chapter="{chapter}"] .cq-correct')) == f"0 of {len(bank['questions'])}"
    assert script_errors(page) == []


def test_quiz_assets_only_on_pages_with_a_quiz(site_dir):
    for path in built_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        assert ("_static/course/quiz.js" in html) == ("<!-- course:quiz -->" in html), path.relative_to(site_dir)


# ------------------------------------------------------------------------------------------- live kernel


def test_live_kernel_outputs_work_when_added_later(page, base_url, monkeypatch):
    """As in JupyterLab: outputs are inserted into the page after it has loaded, scripts re-created to run.

    The first output carries quiz.css and quiz.js; a later output carries neither and is set up by the observer;
    the styles survive when the first output is cleared; running the script again changes nothing.
    """
    monkeypatch.delenv("COURSE_BOOK_BUILD", raising=False)
    monkeypatch.setattr(quiz, "_assets_sent", False)
    first = quiz.Quiz(quiz.load_bank(GOOD / "ch90.yml"))._repr_html_()
    second = quiz.Quiz(quiz.load_bank(GOOD / "ch91.yml"))._repr_html_()
    assert "coursekit.quiz.v1" in first and "coursekit.quiz.v1" not in second
    page.route(f"{base_url}/live.html", _serve('<!DOCTYPE html><html lang="en"><head><title>Live</title></head>'
                                               "<body><main></main></body></html>"))
    page.goto(f"{base_url}/live.html")
    add_output = """html => {
        const host = document.createElement('div');
        host.className = 'output';
        host.innerHTML = html;  // scripts inserted by innerHTML do not run: re-create them, as JupyterLab does
        for (const old of host.querySelectorAll('script')) {
            const script = document.createElement('script');
            script.textContent = old.textContent;
            old.replaceWith(script);
        }
        document.querySelector('main').appendChild(host);
    }"""
    page.evaluate(add_output, first)
    page.wait_for_selector("#quiz-ch90[data-ready]")
    page.evaluate(add_output, second)
    page.wait_for_selector("#quiz-ch91[data-ready]")
    assert not page.locator(".cq-live-note").is_visible()  # quiz.js is there: no note
    page.evaluate("document.querySelector('.output').remove()")  # the first output is cleared
    assert page.locator("head style[data-coursekit-quiz-head]").count() == 1
    assert page.locator("#quiz-ch91").evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
    page.evaluate(add_output, first)  # re-run: the script runs a second time
    page.wait_for_selector("#quiz-ch90[data-ready]")
    page.locator(f"{q('ch91', 'u-one')}-c1").check()
    page.click(f"{q('ch91', 'u-one')} .cq-check")
    assert feedback(page, q("ch91", "u-one")).startswith("✓ Correct.")
    page.get_by_label("Vermilion").check()
    page.click(f"{q('ch90', 't-single')} .cq-check")
    assert seen(page.locator("#quiz-ch90 .cq-score")) == "Score: 1 of 6 correct."
    assert page.locator("head style[data-coursekit-quiz-head]").count() == 1
    assert set(stored(page)) == {"ch90", "ch91"}
    assert page.course_errors == []


def test_live_output_without_the_script_says_how_to_fix_it(page, base_url, monkeypatch):
    """A browser page reloaded while the kernel kept running never got quiz.js: the output explains what to do."""
    monkeypatch.delenv("COURSE_BOOK_BUILD", raising=False)
    monkeypatch.setattr(quiz, "_assets_sent", True)
    later = quiz.Quiz(quiz.load_bank(GOOD / "ch91.yml"))._repr_html_()
    page.route(f"{base_url}/live.html", _serve(f'<!DOCTYPE html><html lang="en"><head><title>Live</title></head>'
                                               f"<body><main>{later}</main></body></html>"))
    page.goto(f"{base_url}/live.html")
    note = page.locator(".cq-live-note")
    note.wait_for(state="visible")
    assert "Restart Kernel and Run All Cells" in seen(note)
    page.locator("summary").click()  # the answer is still there
    assert "Answer: False." in seen(page.locator(".cq-answer"))
    assert page.course_errors == []
