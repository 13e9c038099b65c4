"""Directives for the instructors' pages, written from the chapters' own sources so they can never drift:

``quiz-answer-key``: a chapter's quiz answers with their reasoning, from the quiz bank::

    ```{quiz-answer-key} ch03
    ```

``exercise-solutions``: a chapter's "Work with the data" exercises with their worked solutions (the code cells tagged
``hide-input``, which CI executes), from the chapter notebook::

    ```{exercise-solutions} ../chapters/03_us_since_1947.ipynb
    ```
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import nbformat
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from coursekit import markup, quiz


def _answer(question: dict) -> str:
    kind = question["type"]
    if kind in ("single", "multiple"):
        correct = [markup.inline(c["text"]) for c in question["choices"] if c.get("correct")]
        return correct[0] if len(correct) == 1 else "<ul>" + "".join(f"<li>{c}</li>" for c in correct) + "</ul>"
    if kind == "truefalse":
        return "True" if question["answer"] else "False"
    if kind == "numeric":
        unit = f" {html.escape(question['unit'])}" if question.get("unit") else ""
        return f"{question['answer']:g}{unit} (accept ± {question['tolerance']:g})"
    if kind == "ordering":
        return "<ol>" + "".join(f"<li>{markup.inline(item)}</li>" for item in question["items"]) + "</ol>"
    raise ValueError(f"question {question['id']}: unknown type {kind}")


def _reasoning(question: dict) -> str:
    parts = []
    if question.get("explanation"):
        parts.append(f"<p>{markup.inline(question['explanation'])}</p>")
    for choice in question.get("choices", []):
        if choice.get("explanation"):
            verdict = "correct" if choice.get("correct") else "wrong"
            parts.append(f"<p><em>{markup.inline(choice['text'])}</em> ({verdict}): {markup.inline(choice['explanation'])}</p>")
    return "".join(parts)


def answer_key_html(bank: dict) -> str:
    objectives = bank["objectives"]
    rows = []
    for number, question in enumerate(bank["questions"], start=1):
        objective = html.escape(objectives[question["objective"]])
        rows.append(
            f"<tr><th scope=\"row\">{number}</th>"
            f"<td><p>{markup.inline(question['prompt'])}</p><p class=\"answer-key-meta\">{html.escape(question['type'])} · "
            f"section: {html.escape(question['section'])} · objective: {objective}</p></td>"
            f"<td>{_answer(question)}</td><td>{_reasoning(question)}</td></tr>"
        )
    return (
        '<div class="answer-key table-wrapper"><table class="course-table answer-key-table">'
        f"<caption>Answer key: {html.escape(bank['title'])}</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">Question</th><th scope="col">Answer</th>'
        '<th scope="col">Why</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


class QuizAnswerKey(SphinxDirective):
    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self):
        chapter = self.arguments[0]
        path = quiz.quizzes_dir() / f"{chapter}.yml"
        self.env.note_dependency(str(path))
        try:
            bank = quiz.load_bank(path)
        except quiz.QuizError as error:
            raise self.error(str(error)) from None
        return [nodes.raw("", answer_key_html(bank), format="html")]


class ExerciseSolutions(SphinxDirective):
    """The exercise section of a chapter: its task texts and the solution cells, shown as code."""

    required_arguments = 1

    def run(self):
        source = (Path(self.env.doc2path(self.env.docname)).parent / self.arguments[0]).resolve()
        self.env.note_dependency(str(source))
        if not source.exists():
            raise self.error(f"exercise-solutions: no notebook at {source}")
        notebook = nbformat.read(source, as_version=4)
        result: list[nodes.Node] = []
        in_exercises = False
        for cell in notebook.cells:
            text = cell.source
            if cell.cell_type == "markdown" and text.lstrip().startswith("## "):
                # A section heading may share its cell with the first exercise: keep what follows the heading.
                heading, _, rest = text.lstrip().partition("\n")
                in_exercises = heading.startswith("## Work with the data")
                if not (in_exercises and rest.strip()):
                    continue
                text = rest
            if not in_exercises:
                continue
            if cell.cell_type == "markdown" and re.match(r"\*\*Worked solution\*\*", text.strip()):
                continue  # the chapter's "click to show the code" prompt; the rubric below names the solution
            if cell.cell_type == "markdown":
                # Headings inside a directive cannot become sections: they become rubrics.
                container = nodes.container(classes=["exercise-task"])
                paragraph: list[str] = []
                for line in text.splitlines() + ["# "]:
                    if line.startswith("#"):
                        if paragraph:
                            markdown = self._relink("\n".join(paragraph), source)
                            self.state.nested_parse(self._lines(markdown), self.content_offset, container)
                            paragraph = []
                        if line.strip("# "):
                            container += nodes.rubric("", line.strip("# "))
                    else:
                        paragraph.append(line)
                result.append(container)
            elif "hide-input" in cell.metadata.get("tags", []):
                block = nodes.literal_block(text, text, language="python", classes=["exercise-solution"])
                result.append(nodes.rubric("", "Worked solution"))
                result.append(block)
        if not result:
            raise self.error(f"exercise-solutions: {source.name} has no '## Work with the data' section with solutions")
        return result

    def _relink(self, text: str, notebook: Path) -> str:
        """Relative links in a chapter ("03_us_since_1947.ipynb") point from the chapter's folder: re-aim them."""
        page_dir = Path(self.env.doc2path(self.env.docname)).parent

        def relink(match: re.Match) -> str:
            target = os.path.relpath(notebook.parent / match.group(1), page_dir)
            return f"]({target})"

        return re.sub(r"\]\((?![a-zA-Z][a-zA-Z+.-]*:|/|#)([^)\s]+)\)", relink, text)

    def _lines(self, text: str):
        from docutils.statemachine import StringList

        return StringList(text.splitlines(), source=self.arguments[0])


def setup(app):
    app.add_directive("exercise-solutions", ExerciseSolutions)
    app.add_directive("quiz-answer-key", QuizAnswerKey)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
