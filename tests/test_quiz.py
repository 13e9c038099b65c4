"""Quiz banks (validation, error messages), the quiz HTML (structure, accessibility, escaping) and safe markup."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursekit import markup, quiz

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"


class Page(HTMLParser):
    """The elements of an HTML fragment as (tag, attributes) plus its text, for structural assertions."""

    def __init__(self, source: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        """Elements with this tag and attributes; class_="x" means class="x", data_qid="y" means data-qid="y"."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in wanted.items())]


@pytest.fixture
def bank() -> dict:
    return quiz.load_bank(GOOD / "ch90.yml")


@pytest.fixture
def book_build(monkeypatch):
    monkeypatch.setenv("COURSE_BOOK_BUILD", "1")


@pytest.fixture
def live_kernel(monkeypatch):
    monkeypatch.delenv("COURSE_BOOK_BUILD", raising=False)
    monkeypatch.setattr(quiz, "_assets_sent", False)


# ------------------------------------------------------------------------------------------------ validation


def test_good_banks_load():
    banks = quiz.validate_all(GOOD)
    assert sorted(banks) == ["ch90", "ch91"]
    assert [q["type"] for q in banks["ch90"]["questions"]] == [
        "single", "multiple", "truefalse", "numeric", "numeric", "ordering",
    ]


BROKEN_CASES = {
    "single_two_correct": "question 'q1' (#1): a single-choice question needs exactly one correct choice, found 2",
    "single_no_correct": "question 'q1' (#1): a single-choice question needs exactly one correct choice, found 0",
    "multiple_no_correct": "question 'q1' (#1): a multiple-choice question needs at least one correct choice, found 0",
    "missing_choice_explanation": (
        "question 'q1' (#1): choice 2 ('B') has no explanation and the question has no overall explanation"
    ),
    "truefalse_no_explanation": "question 'q1' (#1): 'explanation' is a required property",
    "unknown_objective": "question 'q1' (#1): objective 'o7' is not one of the bank's objectives ['o1']",
    "duplicate_id": "question 'q1' (#2): duplicate id: question #1 has the same id",
    "numeric_negative_tolerance": "question 'q1' (#1): tolerance: -0.1 is less than the minimum of 0",
    "numeric_no_answer": "question 'q1' (#1): 'answer' is a required property",
    "ordering_two_items": "question 'q1' (#1): items: needs at least 3 entries, found 2",
    "ordering_duplicate_item": "question 'q1' (#1): item 'A' appears more than once",
    "no_questions": "questions: needs at least 1 entry, found 0",
    "unknown_type": (
        "question 'q1' (#1): type: 'essay' is not one of ['single', 'multiple', 'truefalse', 'numeric', 'ordering']"
    ),
    "bad_id": "question 'Q 1' (#1): id: 'Q 1' does not match '^[a-z0-9-]+$'",
    "unsafe_link": (
        "question 'q1' (#1): prompt: link target 'javascript:alert(1)' is not allowed "
        "(use an http(s) URL, a relative path or #anchor)"
    ),
    "unused_field": "question 'q1' (#1): field 'items' is not used by numeric questions",
    "unquoted_number": "question 'q1' (#1): choices[0].text: 1985 is not of type 'string' (put the text in quotes)",
    "wrong_chapter": "chapter 'ch09' does not match the file name 'ch90.yml'",
}


@pytest.mark.parametrize("case", sorted(BROKEN_CASES))
def test_broken_bank_error_names_file_question_and_problem(case, tmp_path):
    # Every broken fixture declares chapter ch90, so it is copied to ch90.yml: only its own defect is reported.
    path = tmp_path / "ch90.yml"
    shutil.copy(BROKEN / f"{case}.yml", path)
    with pytest.raises(quiz.QuizError) as caught:
        quiz.load_bank(path)
    assert str(caught.value) == f"{path}: {BROKEN_CASES[case]}"


@pytest.mark.parametrize(
    "case, expected",
    [
        ("malformed_yaml", "line 8: invalid YAML: expected <block end>, but found '<block mapping start>'"),
        ("duplicate_key", "line 11: invalid YAML: key 'prompt' appears twice in the same mapping"),
    ],
)
def test_malformed_yaml_names_file_and_line(case, expected, tmp_path):
    path = tmp_path / "ch90.yml"
    shutil.copy(BROKEN / f"{case}.yml", path)
    with pytest.raises(quiz.QuizError) as caught:
        quiz.load_bank(path)
    assert str(caught.value) == f"{path}, {expected}"


def test_misspelt_field_reports_every_problem(tmp_path):
    path = tmp_path / "ch90.yml"
    shutil.copy(BROKEN / "misspelt_field.yml", path)
    with pytest.raises(quiz.QuizError) as caught:
        quiz.load_bank(path)
    assert str(caught.value).splitlines() == [
        f"{path}: question 'q1' (#1): Additional properties are not allowed ('explaination' was unexpected)",
        f"{path}: question 'q1' (#1): 'explanation' is a required property",
    ]


def test_every_broken_fixture_is_covered():
    covered = set(BROKEN_CASES) | {"malformed_yaml", "duplicate_key", "misspelt_field"}
    assert {path.stem for path in BROKEN.glob("*.yml")} == covered


def test_validate_all_reports_every_broken_file(tmp_path):
    shutil.copy(GOOD / "ch90.yml", tmp_path / "ch90.yml")
    shutil.copy(BROKEN / "single_two_correct.yml", tmp_path / "ch91.yml")  # declares ch90: wrong chapter too
    (tmp_path / "ch92.yml").write_text("chapter: [unclosed\n")
    with pytest.raises(quiz.QuizError) as caught:
        quiz.validate_all(tmp_path)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{tmp_path / 'ch91.yml'}: chapter 'ch90' does not match the file name 'ch91.yml'"
    assert lines[1].startswith(f"{tmp_path / 'ch91.yml'}: question 'q1' (#1): a single-choice question needs exactly")
    assert lines[2].startswith(f"{tmp_path / 'ch92.yml'}, line 2: invalid YAML")
    assert len(lines) == 3


def test_missing_bank_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "quizzes").mkdir()
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    with pytest.raises(quiz.QuizError, match=r"quizzes/ch42\.yml: no quiz bank for chapter 'ch42'"):
        quiz.show("ch42")


def test_course_root_override_and_lookup(tmp_path, monkeypatch):
    (tmp_path / "quizzes").mkdir()
    shutil.copy(GOOD / "ch91.yml", tmp_path / "quizzes" / "ch91.yml")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    assert quiz.course_root() == tmp_path.resolve()
    assert repr(quiz.show("ch91")) == "<Quiz ch91: 1 questions>"
    assert repr(quiz.show(91)) == "<Quiz ch91: 1 questions>"
    monkeypatch.delenv("COURSE_ROOT")
    assert (quiz.course_root() / "quizzes" / "schema.json").is_file()  # found from the package's own location


def test_course_banks_are_valid_and_complete():
    """Every real chapter bank validates, has at least six questions and uses more than one question type."""
    banks = quiz.validate_all()
    for chapter, bank in banks.items():
        assert len(bank["questions"]) >= 6, f"quizzes/{chapter}.yml: {len(bank['questions'])} questions, need 6"
        assert len({q["type"] for q in bank["questions"]}) >= 2, f"quizzes/{chapter}.yml: use several question types"


# ------------------------------------------------------------------------------------------------ rendering


def test_structure_is_accessible(bank, book_build):
    source = quiz.Quiz(bank)._repr_html_()
    page = Page(source)
    assert source.startswith("<!-- course:quiz -->")
    sections = page.all("section")
    assert len(sections) == 1 and sections[0]["data-chapter"] == "ch90" and sections[0]["class"] == "course-quiz"
    questions = len(bank["questions"])
    assert len(page.all("fieldset")) == len(page.all("legend")) == questions
    assert len(page.all("div", role="status")) == questions
    assert all(d.get("aria-live") == "polite" for d in page.all("div", role="status"))
    assert len(page.all("button", class_="cq-check")) == len(page.all("button", class_="cq-retry")) == questions
    assert len(page.all("details")) == len(page.all("summary")) == questions
    # Every control has a label, and every id is unique.
    controls = [a for t, a in page.elements if t in ("input", "select")]
    labelled = {a["for"] for a in page.all("label")}
    assert controls and all(c["id"] in labelled for c in controls)
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))
    kinds = [(c.get("type"), c.get("name")) for c in controls]
    assert ("radio", "cq-ch90-t-single") in kinds and ("checkbox", "cq-ch90-t-multiple") in kinds
    assert ("number", "cq-ch90-t-numeric") in kinds
    assert len(page.all("select")) == 4
    assert "<script" not in source and "<style" not in source  # the site serves quiz.js and quiz.css
    # JupyterLab must leave keys on these controls alone (arrows in a radio group, Enter and Space on buttons).
    interactive = [a for t, a in page.elements if t in ("input", "select", "button", "summary")]
    assert all(a.get("data-lm-suppress-shortcuts") == "true" for a in interactive)


def test_readable_without_javascript(bank, book_build):
    """The answer and every explanation sit in "Show answer"; controls that need JavaScript start hidden."""
    source = quiz.Quiz(bank)._repr_html_()
    answers = re.findall(r"<details class=\"cq-answer\">(.*?)</details>", source)
    assert len(answers) == 6
    assert "<strong>Answer:</strong> Vermilion <code>#D55E00</code>." in answers[0]
    assert "Blue is used for the <strong>United States</strong>." in answers[0]
    assert "<strong>Correct choices:</strong> single; ordering." in answers[1]
    assert "<strong>Answer:</strong> False." in answers[2]
    assert "<strong>Answer:</strong> 5 types." in answers[3]
    assert "<strong>Answer:</strong> 2.1 US$ billion (answers within 0.2 of it count as correct)." in answers[4]
    assert "<ol><li>one</li><li>two</li><li>three</li><li>four</li></ol>" in answers[5]
    assert re.findall(r"<summary[^>]*>(.*?)</summary>", source) == ["Show answer"] * 6
    assert source.count('<div class="cq-actions" hidden>') == 6
    # In the book the section named by a question links to its heading on the page.
    assert '<a href="#first-section">First section</a>' in answers[0]


def test_data_attributes_carry_the_answers(bank, book_build):
    page = Page(quiz.Quiz(bank)._repr_html_())
    questions = {q["data-qid"]: q for q in page.all("div", class_="cq-question")}
    assert questions["t-single"]["data-answer"] == "1"
    assert questions["t-multiple"]["data-answer"] == "0 2"
    assert questions["t-truefalse"]["data-answer"] == "false"
    assert (questions["t-numeric"]["data-answer"], questions["t-numeric"]["data-tolerance"]) == ("5", "0")
    assert questions["t-numeric-decimal"]["data-answer"] == "2.1"


def test_ordering_is_shuffled_the_same_way_every_time(bank):
    ordering = bank["questions"][5]
    # Fixed expected order: a change here means outputs (and saved answers' display) would change between runs.
    assert quiz.shuffled_order(ordering) == [3, 1, 0, 2]
    for n in range(50):  # never the correct order itself
        question = {"id": f"q-{n}", "items": ["a", "b", "c"]}
        assert quiz.shuffled_order(question) != [0, 1, 2]


def test_output_is_deterministic(bank, book_build):
    first = quiz.Quiz(bank)._repr_html_()
    assert first == quiz.Quiz(quiz.load_bank(GOOD / "ch90.yml"))._repr_html_()
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", first)  # no random uuids


def test_markup_in_bank_is_escaped(bank, book_build):
    source = quiz.Quiz(bank)._repr_html_()
    assert "<script>" not in source
    assert "&lt;script&gt;alert(&#x27;prompt&#x27;)&lt;/script&gt;" in source
    assert "Which colour does the course use for <em>China</em>?" in source
    assert '<a href="https://jfly.uni-koeln.de/color/">the palette</a>' in source
    assert '<h3 class="cq-title" id="quiz-ch90-title">Check your understanding: <em>test</em> quiz</h3>' in source


def test_live_kernel_sends_assets_once(bank, live_kernel):
    first = quiz.Quiz(bank)._repr_html_()
    second = quiz.Quiz(bank)._repr_html_()
    script = (quiz.ASSETS / "quiz.js").read_text()
    assert first.startswith("<!-- course:quiz -->") and second.startswith("<!-- course:quiz -->")
    assert first.count("<script>") == 1 and first.count("<style data-coursekit-quiz>") == 1
    assert "coursekit.quiz.v1" in first and len(first) > len(script)
    assert "<style" not in second and "coursekit.quiz.v1" not in second
    assert second.count("<script>") == 1 and quiz.Quiz(bank)._repr_html_() == second  # later outputs: all alike
    tiny = second[second.index("<script>") : second.index("</script>")]
    assert len(tiny) < 300  # only the note for a page reloaded while the kernel kept running
    assert "</script" not in first[first.index("<script>") + 8 : first.rindex("</script>")]  # script not cut short
    assert "<section" not in first[first.index("<script>") :]  # the quiz precedes its script


def test_book_build_never_inlines_assets(bank, book_build, monkeypatch):
    monkeypatch.setattr(quiz, "_assets_sent", False)
    assert "<script" not in quiz.Quiz(bank)._repr_html_()


def test_progress_page_lists_every_bank(book_build):
    page = quiz.progress_page(GOOD)
    source = page._repr_html_()
    parsed = Page(source)
    rows = parsed.all("tr", data_chapter="ch90") + parsed.all("tr", data_chapter="ch91")
    assert [r["data-questions"] for r in rows] == [
        "t-single t-multiple t-truefalse t-numeric t-numeric-decimal t-ordering",
        "u-one",
    ]
    assert source.startswith("<!-- course:quiz -->")
    assert "<td>6</td>" in source and "<td>1</td>" in source and "<td>7</td>" in source
    assert "hidden" in parsed.all("button", class_="cq-reset")[0]  # shown by quiz.js when storage works
    assert parsed.all("p", role="status")
    assert "<script" not in source


def test_progress_page_links_chapters_that_exist(book_build):
    banks = quiz.validate_all()
    source = quiz.progress_page()._repr_html_()
    assert len(Page(source).all("tr")) == len(banks) + 2  # header and total rows
    for chapter in banks:
        notebooks = list((quiz.course_root() / "book" / "chapters").glob(f"{chapter[2:]}_*.ipynb"))
        if notebooks:
            assert f'href="chapters/{notebooks[0].stem}.html#quiz-{chapter}"' in source


# ------------------------------------------------------------------------------------------------ markup


@pytest.mark.parametrize(
    "text, expected",
    [
        ("*a* **b** `c`", "<em>a</em> <strong>b</strong> <code>c</code>"),
        ("**a *b* c**", "<strong>a <em>b</em> c</strong>"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("`<b>*x*</b>`", "<code>&lt;b&gt;*x*&lt;/b&gt;</code>"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("[text](https://example.org/a?b=1&c=2)", '<a href="https://example.org/a?b=1&amp;c=2">text</a>'),
        ("[text](../data_sources.html#us-aid)", '<a href="../data_sources.html#us-aid">text</a>'),
        ("[text](#anchor)", '<a href="#anchor">text</a>'),
        ("[wiki](https://en.wikipedia.org/wiki/A_(b))", '<a href="https://en.wikipedia.org/wiki/A_(b)">wiki</a>'),
        ('[x](https://a.org/"onmouseover="alert(1))', '<a href="https://a.org/&quot;onmouseover=&quot;alert(1)">x</a>'),
        ("[click](javascript:alert(1))", "click"),
        ("[click](JavaScript:alert(1))", "click"),
        ("[click](data:text/html,hi)", "click"),
        ("[click](//evil.example/x)", "click"),
        ("[click](vbscript:x)", "click"),
        ("[*em* link](page.html)", '<a href="page.html"><em>em</em> link</a>'),
    ],
)
def test_markup_inline(text, expected):
    assert markup.inline(text) == expected


def test_markup_helpers():
    assert markup.plain("A *b* [c](x.html) `d`") == "A b c d"
    links = "[a](javascript:x) [b](https://ok.org) [c](mailto:x@y)"
    assert markup.unsafe_links(links) == ["javascript:x", "mailto:x@y"]
    assert markup.is_safe_url("https://example.org") and not markup.is_safe_url("https:")
