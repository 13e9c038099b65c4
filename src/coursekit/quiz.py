"""Chapter quizzes: load and validate the YAML banks in ``quizzes/`` and render them as accessible HTML.

In a notebook::

    from coursekit import quiz
    quiz.show("ch03")          # renders quizzes/ch03.yml as one HTML output

The HTML works on its own: every question, its choices, and (inside "Show answer") the answer with its
explanations are readable with JavaScript off. ``assets/quiz.js`` adds grading, feedback, a score and progress
saved in the browser. In the book build (``COURSE_BOOK_BUILD=1``) the page loads quiz.js/quiz.css from the site,
added by the book's Sphinx extension wherever it finds the ``<!-- course:quiz -->`` marker. In a live kernel the
first quiz output of the session carries both files inline; later outputs rely on them being loaded already.

The bank format is described in ``quizzes/schema.json``; :func:`load_bank` adds the checks a schema cannot make.
"""
from __future__ import annotations

import html
import json
import random
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from . import markup, paths

__all__ = ["QuizError", "course_root", "load_bank", "validate_all", "show", "progress_page", "Quiz", "ProgressPage"]

MARKER = "<!-- course:quiz -->"  # the book's Sphinx extension adds quiz.js/quiz.css to pages containing this
ASSETS = paths.ASSETS_DIR
TYPES_WITH_CHOICES = ("single", "multiple")
# Fields each question type uses besides id, type, objective, section, prompt and explanation.
TYPE_FIELDS = {
    "single": {"choices"},
    "multiple": {"choices"},
    "truefalse": {"answer"},
    "numeric": {"answer", "tolerance", "unit"},
    "ordering": {"items"},
}

_assets_sent = False  # live kernel: has this session already sent quiz.css/quiz.js inline?
# JupyterLab's notebook shortcuts match the focused element itself (Enter edits the cell, arrows move between
# cells), so every control carries Lumino's opt-out; otherwise arrows would leave a radio group and Enter not press.
NO_LAB_KEYS = 'data-lm-suppress-shortcuts="true"'


class QuizError(ValueError):
    """A quiz bank is missing, malformed or inconsistent. The message names the file, question and problem."""


# --------------------------------------------------------------------------------------------------- locating


def course_root() -> Path:
    """The repository root (see :mod:`coursekit.paths`), looked up at each call so that COURSE_ROOT can change."""
    return paths.find_root()


def quizzes_dir() -> Path:
    return course_root() / "quizzes"


# --------------------------------------------------------------------------------------------------- loading


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key given twice in one mapping (PyYAML would silently keep the last one)."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in the same mapping", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    """The validator for quizzes/schema.json of this repository (the package is installed editable from src/)."""
    schema_path = Path(__file__).resolve().parents[2] / "quizzes" / "schema.json"
    if not schema_path.is_file():  # the package was installed as a copy (Binder): use the course root's schema
        schema_path = quizzes_dir() / "schema.json"
    return jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def _path_order(error: jsonschema.ValidationError) -> list[tuple]:
    """Sort key: errors in document order (question #2 before #10)."""
    return [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in error.absolute_path]


def _where(bank: Any, path: list) -> str:
    """Describe a location from a jsonschema error path: "question 'id' (#2): choices[0].text"."""
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = bank["questions"][path[1]]
        qid = question.get("id") if isinstance(question, dict) else None
        label = f"question {qid!r} (#{path[1] + 1})" if isinstance(qid, str) else f"question #{path[1] + 1}"
        rest = path[2:]
    else:
        label, rest = "", path
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest).lstrip(".")
    return ": ".join(part for part in (label, field) if part)


def _schema_problems(bank: Any) -> list[str]:
    problems = []
    for error in sorted(_validator().iter_errors(bank), key=_path_order):
        message = error.message
        if error.validator == "type" and error.validator_value == "string":
            message += " (put the text in quotes)"
        elif error.validator == "minItems":
            least = error.validator_value
            message = f"needs at least {least} {'entry' if least == 1 else 'entries'}, found {len(error.instance)}"
        where = _where(bank, list(error.absolute_path))
        problems.append(f"{where}: {message}" if where else message)
    return problems


def _texts(question: dict) -> list[tuple[str, str]]:
    """(field, text) for every text of a question that may hold markup."""
    texts = [(name, question[name]) for name in ("prompt", "explanation", "section", "unit") if name in question]
    for number, choice in enumerate(question.get("choices", [])):
        texts += [(f"choices[{number}].{name}", choice[name]) for name in ("text", "explanation") if name in choice]
    texts += [(f"items[{number}]", item) for number, item in enumerate(question.get("items", []))]
    return texts


def _unsafe(url: str) -> str:
    return f"link target {url!r} is not allowed (use an http(s) URL, a relative path or #anchor)"


def _semantic_problems(bank: dict, file_name: str) -> list[str]:
    problems = []
    if bank["chapter"] != Path(file_name).stem:
        problems.append(f"chapter {bank['chapter']!r} does not match the file name {file_name!r}")
    first_seen: dict[str, int] = {}
    for number, question in enumerate(bank["questions"], start=1):
        qid, kind = question["id"], question["type"]

        def problem(what: str) -> None:
            problems.append(f"question {qid!r} (#{number}): {what}")

        if qid in first_seen:
            problem(f"duplicate id: question #{first_seen[qid]} has the same id")
        first_seen.setdefault(qid, number)
        if question["objective"] not in bank["objectives"]:
            known = sorted(bank["objectives"])
            problem(f"objective {question['objective']!r} is not one of the bank's objectives {known}")
        for field in sorted(set(question) & set().union(*TYPE_FIELDS.values()) - TYPE_FIELDS[kind]):
            problem(f"field {field!r} is not used by {kind} questions")
        if kind in TYPES_WITH_CHOICES:
            correct = sum(1 for choice in question["choices"] if choice.get("correct") is True)
            if kind == "single" and correct != 1:
                problem(f"a single-choice question needs exactly one correct choice, found {correct}")
            if kind == "multiple" and correct < 1:
                problem("a multiple-choice question needs at least one correct choice, found 0")
            if "explanation" not in question:
                for index, choice in enumerate(question["choices"]):
                    if "explanation" not in choice:
                        problem(
                            f"choice {index + 1} ({choice['text']!r}) has no explanation and the question has no "
                            "overall explanation"
                        )
            texts = [choice["text"] for choice in question["choices"]]
            for text in sorted({text for text in texts if texts.count(text) > 1}):
                problem(f"choice {text!r} appears more than once")
        if kind == "ordering":
            items = question["items"]
            for item in sorted({item for item in items if items.count(item) > 1}):
                problem(f"item {item!r} appears more than once")
        for field, text in _texts(question):
            for url in markup.unsafe_links(text):
                problem(f"{field}: {_unsafe(url)}")
    for key, text in [("title", bank["title"])] + [(f"objectives.{k}", v) for k, v in bank["objectives"].items()]:
        for url in markup.unsafe_links(text):
            problems.append(f"{key}: {_unsafe(url)}")
    return problems


def load_bank(path: str | Path) -> dict:
    """Read and validate one bank; return it as a dict. Raises :class:`QuizError` listing every problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise QuizError(f"{path}: cannot read the quiz bank ({error.strerror})") from None
    try:
        bank = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise QuizError(f"{where}: invalid YAML: {problem}") from None
    if not isinstance(bank, dict):
        raise QuizError(f"{path}: a quiz bank must be a YAML mapping with chapter, title, objectives and questions")
    problems = _schema_problems(bank) or _semantic_problems(bank, path.name)
    if problems:
        raise QuizError("\n".join(f"{path}: {problem}" for problem in problems))
    return bank


def validate_all(directory: str | Path | None = None) -> dict[str, dict]:
    """Validate every ``*.yml`` bank in ``directory`` (default: the course's quizzes/); return {chapter: bank}.

    Problems in all files are collected and raised together as one :class:`QuizError`.
    """
    directory = Path(directory) if directory is not None else quizzes_dir()
    if not directory.is_dir():
        raise QuizError(f"{directory}: quiz folder not found")
    banks, problems = {}, []
    for path in sorted(directory.glob("*.y*ml")):
        try:
            bank = load_bank(path)
        except QuizError as error:
            problems.append(str(error))
            continue
        banks[bank["chapter"]] = bank
    if problems:
        raise QuizError("\n".join(problems))
    return banks


# --------------------------------------------------------------------------------------------------- rendering


def _number(value: float) -> str:
    """1954 -> "1954", 2.0 -> "2", 2.1 -> "2.1" (no float noise, no scientific notation for course values)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _slug(text: str) -> str:
    """The id Sphinx gives a section with this heading (docutils' make_id), to link a question to its section."""
    from docutils.nodes import make_id

    return make_id(markup.plain(text))


def shuffled_order(question: dict) -> list[int]:
    """Display order of an ordering question's items: a fixed shuffle seeded by the question id, never the answer."""
    order = list(range(len(question["items"])))
    random.Random(question["id"]).shuffle(order)
    if order == sorted(order):  # never show the answer itself
        order = order[1:] + order[:1]
    return order


def _choice_notes(question: dict) -> str:
    notes = []
    for index, choice in enumerate(question["choices"]):
        verdict = "correct" if choice.get("correct") else "not correct"
        explanation = f" {markup.inline(choice['explanation'])}" if "explanation" in choice else ""
        notes.append(
            f'<li data-choice="{index}"><strong>{markup.inline(choice["text"])}</strong> ({verdict}).{explanation}</li>'
        )
    return f'<ul class="cq-notes">{"".join(notes)}</ul>'


def _answer_block(question: dict, book_build: bool) -> str:
    """The "Show answer" disclosure: the answer and every explanation, readable without JavaScript."""
    kind = question["type"]
    parts = []
    if kind in TYPES_WITH_CHOICES:
        right = [markup.inline(c["text"]) for c in question["choices"] if c.get("correct")]
        label = "Answer" if len(right) == 1 else "Correct choices"
        parts.append(f'<p class="cq-solution"><strong>{label}:</strong> {"; ".join(right)}.</p>')
        parts.append(_choice_notes(question))
    elif kind == "truefalse":
        answer = "True" if question["answer"] else "False"
        parts.append(f'<p class="cq-solution"><strong>Answer:</strong> {answer}.</p>')
    elif kind == "numeric":
        unit = f" {markup.inline(question['unit'])}" if "unit" in question else ""
        tolerance = question["tolerance"]
        within = f" (answers within {_number(tolerance)} of it count as correct)" if tolerance else ""
        parts.append(
            f'<p class="cq-solution"><strong>Answer:</strong> {_number(question["answer"])}{unit}{within}.</p>'
        )
    else:
        items = "".join(f"<li>{markup.inline(item)}</li>" for item in question["items"])
        parts.append(f'<div class="cq-solution"><p><strong>Correct order:</strong></p><ol>{items}</ol></div>')
    if "explanation" in question:
        parts.append(f'<p class="cq-explanation">{markup.inline(question["explanation"])}</p>')
    section = markup.inline(question["section"])
    if book_build:
        section = f'<a href="#{_attr(_slug(question["section"]))}">{section}</a>'
    parts.append(f'<p class="cq-section">Read again: the section “{section}”.</p>')
    return f'<details class="cq-answer"><summary {NO_LAB_KEYS}>Show answer</summary>{"".join(parts)}</details>'


def _inputs(question: dict, base: str) -> str:
    kind = question["type"]
    if kind in ("single", "multiple", "truefalse"):
        if kind == "truefalse":
            choices = [{"text": "True"}, {"text": "False"}]
            values = ["true", "false"]
        else:
            choices = question["choices"]
            values = [str(index) for index in range(len(choices))]
        input_type = "checkbox" if kind == "multiple" else "radio"
        rows = []
        for index, (choice, value) in enumerate(zip(choices, values)):
            cid = f"{base}-c{index}"
            rows.append(
                f'<div class="cq-choice"><input type="{input_type}" id="{cid}" name="{base}" value="{value}" '
                f"{NO_LAB_KEYS}>"
                f' <label for="{cid}">{markup.inline(choice["text"])}</label></div>'
            )
        return f'<div class="cq-choices">{"".join(rows)}</div>'
    if kind == "numeric":
        unit = question.get("unit")
        label = f"Your answer, in {markup.inline(unit)}" if unit else "Your answer"
        return (
            f'<div class="cq-numeric"><label for="{base}-n">{label}</label> '
            f'<input type="number" step="any" inputmode="decimal" id="{base}-n" name="{base}" autocomplete="off" '
            f"{NO_LAB_KEYS}></div>"
        )
    order = shuffled_order(question)
    count = len(order)
    rows = []
    for position, rank in enumerate(order, start=1):
        sid = f"{base}-i{position}"
        options = "".join(
            f'<option value="{n}"{" selected" if n == position else ""}>{n}</option>' for n in range(1, count + 1)
        )
        rows.append(
            f'<li data-rank="{rank}"><select id="{sid}" name="{sid}" {NO_LAB_KEYS}>{options}</select>'
            f' <label for="{sid}">{markup.inline(question["items"][rank])}</label></li>'
        )
    return f'<ul class="cq-order">{"".join(rows)}</ul>'


def _hint(question: dict) -> str:
    kind = question["type"]
    if kind == "multiple":
        return "Choose all that apply."
    if kind == "ordering":
        return "Give each item its position, 1 for the first."
    if kind == "numeric" and question["tolerance"]:
        return f"Answers within {_number(question['tolerance'])} of the value count as correct."
    return ""


def _question_html(bank: dict, question: dict, number: int, total: int, book_build: bool) -> str:
    base = f"cq-{bank['chapter']}-{question['id']}"
    data = {"qid": question["id"], "type": question["type"]}
    if question["type"] == "truefalse":
        data["answer"] = "true" if question["answer"] else "false"
    elif question["type"] == "numeric":
        data["answer"] = _number(question["answer"])
        data["tolerance"] = _number(question["tolerance"])
    elif question["type"] in TYPES_WITH_CHOICES:
        data["answer"] = " ".join(str(i) for i, c in enumerate(question["choices"]) if c.get("correct"))
    attributes = " ".join(f'data-{key}="{_attr(value)}"' for key, value in data.items())
    hint = _hint(question)
    hint_html = f' <span class="cq-hint">{hint}</span>' if hint else ""
    return (
        f'<div class="cq-question" id="{base}" {attributes}>'
        f'<fieldset><legend><span class="cq-number">Question {number} of {total}.</span> '
        f'<span class="cq-prompt">{markup.inline(question["prompt"])}</span>{hint_html}</legend>'
        f"{_inputs(question, base)}</fieldset>"
        f'<div class="cq-actions" hidden><button type="button" class="cq-check" {NO_LAB_KEYS}>Check</button> '
        f'<button type="button" class="cq-retry" hidden {NO_LAB_KEYS}>Try again</button></div>'
        '<div class="cq-feedback" role="status" aria-live="polite"></div>'
        f"{_answer_block(question, book_build)}</div>"
    )


def render(bank: dict, heading_level: int = 3, book_build: bool | None = None) -> str:
    """The quiz section for a validated bank (no scripts or styles)."""
    book_build = paths.book_build() if book_build is None else book_build
    chapter = bank["chapter"]
    total = len(bank["questions"])
    questions = "".join(
        _question_html(bank, question, number, total, book_build)
        for number, question in enumerate(bank["questions"], start=1)
    )
    h = f"h{heading_level}"
    return (
        f'<section class="course-quiz" id="quiz-{chapter}" data-chapter="{chapter}" '
        f'aria-labelledby="quiz-{chapter}-title" {NO_LAB_KEYS}>'
        f'<{h} class="cq-title" id="quiz-{chapter}-title">{markup.inline(bank["title"])}</{h}>'
        '<p class="cq-help" data-js-text="Choose an answer and press Check. Your answers are saved in this browser '
        'so you can come back later; see My progress.">Choose your answers, then open “Show answer” under each '
        "question to compare.</p>"
        '<p class="cq-storage-note" hidden>This browser does not let the course save answers (for example in a '
        "private window), so they will be gone when you leave the page.</p>"
        f"{questions}"
        f'<p class="cq-score" hidden>0 of {total} correct</p>'
        "</section>"
    )


def _inline_assets() -> str:
    css = (ASSETS / "quiz.css").read_text(encoding="utf-8")
    script = (ASSETS / "quiz.js").read_text(encoding="utf-8").replace("</", "<\\/")
    return f"<style data-coursekit-quiz>{css}</style>", f"<script>{script}</script>"


# Later outputs of a live session rely on quiz.js being in the page already. If the browser page was reloaded while
# the kernel kept running it is not, so this tiny script shows how to get it back (the answers stay readable).
_MISSING_SCRIPT_NOTE = (
    '<p class="cq-live-note" hidden>This quiz cannot check answers because the page was reloaded while the kernel '
    "kept running. Choose <em>Kernel › Restart Kernel and Run All Cells</em> to make it interactive again; "
    "meanwhile “Show answer” works.</p>"
    "<script>(function (me) { setTimeout(function () { var note = me.parentNode && "
    "me.parentNode.querySelector('.cq-live-note'); if (note && !window.courseQuiz) note.hidden = false; }, 0); })"
    "(document.currentScript);</script>"
)


def _wrap(body: str) -> str:
    """Add the page marker and, in the first output of a live kernel session, quiz.css and quiz.js inline."""
    global _assets_sent
    if paths.book_build():
        return f"{MARKER}\n{body}"
    if _assets_sent:
        return f"{MARKER}\n{body}{_MISSING_SCRIPT_NOTE}"
    _assets_sent = True
    style, script = _inline_assets()
    return f"{MARKER}\n{style}{body}{script}"


class Quiz:
    """What :func:`show` returns: displays as one text/html output."""

    def __init__(self, bank: dict, heading_level: int = 3):
        self.bank = bank
        self.heading_level = heading_level

    def _repr_html_(self) -> str:
        return _wrap(render(self.bank, self.heading_level))

    def __repr__(self) -> str:
        return f"<Quiz {self.bank['chapter']}: {len(self.bank['questions'])} questions>"


def show(chapter: str | int, heading_level: int = 3) -> Quiz:
    """The quiz of a chapter, e.g. ``show("ch03")``, from ``quizzes/ch03.yml``."""
    if isinstance(chapter, int):
        chapter = f"ch{chapter:02d}"
    path = quizzes_dir() / f"{chapter}.yml"
    if not path.is_file():
        raise QuizError(f"{path}: no quiz bank for chapter {chapter!r}")
    return Quiz(load_bank(path), heading_level)


# --------------------------------------------------------------------------------------------------- progress


def _chapter_page(chapter: str) -> tuple[Path | None, str | None]:
    """The chapter's notebook (book/chapters/NN_*.ipynb) and its title (first "# " heading), if they exist."""
    chapters = course_root() / "book" / "chapters"
    for notebook in sorted(chapters.glob(f"{chapter[2:]}_*.ipynb")):
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            return notebook, None
        for cell in cells:
            if cell.get("cell_type") == "markdown":
                for line in "".join(cell.get("source", [])).splitlines():
                    if line.startswith("# "):
                        return notebook, line[2:].strip()
        return notebook, None
    return None, None


class ProgressPage:
    """The "My progress" table: one row per bank; quiz.js fills in the scores stored in this browser."""

    def __init__(self, banks: dict[str, dict]):
        self.banks = banks

    def _repr_html_(self) -> str:
        book_build = paths.book_build()
        rows = []
        for chapter, bank in sorted(self.banks.items()):
            notebook, title = _chapter_page(chapter)
            name = html.escape(title) if title else markup.inline(bank["title"])
            if notebook is not None:
                target = f"chapters/{notebook.stem}.html#quiz-{chapter}" if book_build else f"chapters/{notebook.name}"
                name = f'<a href="{_attr(target)}">{name}</a>'
            ids = " ".join(question["id"] for question in bank["questions"])
            count = len(bank["questions"])
            rows.append(
                f'<tr data-chapter="{chapter}" data-questions="{_attr(ids)}"><th scope="row">{name}</th>'
                f'<td>{count}</td><td class="cq-answered">–</td><td class="cq-correct">–</td></tr>'
            )
        total = sum(len(bank["questions"]) for bank in self.banks.values())
        body = (
            '<section class="course-progress" aria-label="Quiz progress">'
            '<table class="cq-progress-table"><caption>Your quiz results, chapter by chapter</caption>'
            '<thead><tr><th scope="col">Chapter</th><th scope="col">Questions</th>'
            '<th scope="col">Answered</th><th scope="col">Correct</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">All chapters</th><td>{total}</td>'
            '<td class="cq-answered">–</td><td class="cq-correct">–</td></tr></tfoot></table>'
            '<p class="cq-help" data-js-text="Results are saved only in this browser on this device. Resetting '
            'removes every saved answer.">Scores appear here when JavaScript is on; the quizzes themselves can be '
            "read without it.</p>"
            '<p class="cq-storage-note" hidden>This browser does not let the course save answers (for example in a '
            "private window), so no results can be shown.</p>"
            '<p><button type="button" class="cq-reset" hidden ' + NO_LAB_KEYS + ">Reset my progress</button></p>"
            '<p class="cq-reset-status" role="status" aria-live="polite"></p>'
            "</section>"
        )
        return _wrap(body)

    def __repr__(self) -> str:
        return f"<ProgressPage: {len(self.banks)} chapters>"


def progress_page(directory: str | Path | None = None) -> ProgressPage:
    """The "My progress" page's table, listing every bank in ``directory`` (default: the course's quizzes/)."""
    return ProgressPage(validate_all(directory))
