"""Sphinx glue for the course: serve plotly.js and the course's scripts from the site, only where a page needs them.

- Every page gets the course stylesheet (small).
- A page whose HTML holds a chart marker gets the chart loader (which fetches plotly.js after the page has loaded);
  a quiz marker adds the quiz script and stylesheet; the timeline marker adds the timeline script. Pages without
  charts never load plotly.js. (Maps need no base-map file: they are drawn from the course's own GeoJSON.)
- The files are copied into ``_static/course/`` at the end of the build: plotly.js from the site's own copy (the
  trimmed course bundle when it was built, otherwise the full bundle shipped inside the plotly Python package).
- Quiz banks are validated before anything is built, so a broken bank stops the build with its file and question.
- sphinx-thebe's inline configuration script appears twice on every page (a page error); keep one copy.
- Every page gets a meta description (search engines and link previews): the page's own ``html_meta`` if it has one,
  else its first paragraph, else the course's description from ``_config.yml``.
- Markup that assistive technology misreads is repaired where Sphinx, myst-nb and pandas produce it (see
  ``repair_markup``): deprecated bibliography roles, empty pandas header cells, scrollable boxes without a name,
  ``<aside>`` landmarks inside the main landmark, and a disclosure whose name hid its visible words. Each is checked
  by tests/test_accessibility.py (axe-core).
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "src" / "coursekit" / "assets"
CUSTOM_PLOTLY = ROOT / "build" / "plotly" / "plotly-course.min.js"  # made by `make plotly-bundle` when Node is present
CUSTOM_TRACES = ROOT / "build" / "plotly" / "traces.json"  # the trace types in that bundle
STATIC_SUBDIR = "course"

TRACES = re.compile(r"<!-- course:traces:([a-z0-9_,]+) -->")
DESCRIPTION_LENGTH = 155  # what search engines show; longer descriptions are cut at a word
DATAFRAME = re.compile(r'<table[^>]*class="dataframe[^"]*"[^>]*>.*?</table>', re.DOTALL)
EMPTY_HEADER_CELL = re.compile(r"<th(\s[^>]*)?>(?:\s|&nbsp;|&#160;)*</th>")
# A notebook output holding a pandas table: the theme makes it keyboard-scrollable (tabindex) when it is too wide.
DATAFRAME_OUTPUT = re.compile(
    r'<div class="output text_html">(?=\s*<div>\s*(?:<style[^>]*>.*?</style>\s*)?<table[^>]*class="dataframe)', re.DOTALL
)
THEME_TABLE_SCROLL = re.compile(r'<div class="pst-scrollable-table-container">')


def full_plotly() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def plotly_bundle() -> Path:
    """The plotly.js the site serves: the trimmed course bundle if it exists, else the plotly package's full one."""
    return CUSTOM_PLOTLY if CUSTOM_PLOTLY.exists() else full_plotly()


def bundle_traces() -> set[str] | None:
    """Trace types the served bundle draws; None means every type (the full bundle)."""
    if not CUSTOM_PLOTLY.exists():
        return None
    import json

    return set(json.loads(CUSTOM_TRACES.read_text()))


def validate_quiz_banks(app: Sphinx) -> None:
    from coursekit import quiz

    try:
        quiz.validate_all()
    except quiz.QuizError as error:
        raise ExtensionError(f"quiz bank error: {error}") from None


def _site_description() -> str:
    import yaml

    config = yaml.safe_load((ROOT / "book" / "_config.yml").read_text(encoding="utf-8")) or {}
    return " ".join(str(config.get("description", config.get("title", ""))).split())


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_description(doctree) -> str:
    """The first real paragraph of a page (not a title, a note or a table cell), shortened for a meta description."""
    from docutils import nodes

    if doctree is not None:
        for paragraph in doctree.findall(nodes.paragraph):
            if any(isinstance(parent, (nodes.Admonition, nodes.table, nodes.citation, nodes.sidebar, nodes.topic))
                   for parent in _ancestors(paragraph)):
                continue
            text = paragraph.astext()
            if len(text) >= 60:
                return _shorten(text)
    return _shorten(_site_description())


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def add_meta_description(context: dict, doctree) -> None:
    metatags = context.get("metatags", "") or ""
    if 'name="description"' in metatags:
        return
    description = html.escape(page_description(doctree), quote=True)
    context["metatags"] = metatags + f'\n<meta name="description" content="{description}" />'


def _repair_dataframe(match: re.Match) -> str:
    """pandas leaves the corner above the index (and the cells beside an index name) as empty header cells: an empty
    cell is not a header, so it becomes a data cell."""
    table = match.group(0)
    head_end = table.find("</thead>")
    if head_end < 0:
        return table
    return EMPTY_HEADER_CELL.sub(lambda m: f"<td{m.group(1) or ''}></td>", table[:head_end]) + table[head_end:]


def repair_markup(context: dict) -> None:
    body = context.get("body", "")
    if not body:
        return
    # docutils: role="doc-biblioentry" is deprecated and not allowed on a div; the list role then lacks list items.
    body = body.replace(' role="doc-biblioentry"', "").replace('<div role="list" class="citation-list">', '<div class="citation-list">')
    body = DATAFRAME.sub(_repair_dataframe, body)
    # A wide table's output can take keyboard focus (to scroll it): give it a role and a name a screen reader announces.
    count = iter(range(1, 10_000))
    body = DATAFRAME_OUTPUT.sub(lambda m: f'<div class="output text_html" role="region" aria-label="Table output {next(count)}">', body)
    body = THEME_TABLE_SCROLL.sub(  # the theme's wrapper of a Markdown table, focusable when the table is too wide
        lambda m: f'<div class="pst-scrollable-table-container" role="region" aria-label="Table {next(count)}">', body)
    # docutils writes footnotes, topics and sidebars as <aside>: a complementary landmark, which may not sit inside
    # the page's main landmark. They are plain blocks of the article.
    body = body.replace("<aside ", "<div ").replace("</aside>", "</div>")
    # myst-nb names the "Show code cell source" disclosure "Toggle hidden content", hiding the words a reader sees.
    body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    context["body"] = body


def add_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    add_meta_description(context, doctree)
    repair_markup(context)
    body = context.get("body", "")
    prefix = f"{STATIC_SUBDIR}/"
    if "<!-- course:plotly -->" in body:
        used = {t for group in TRACES.findall(body) for t in group.split(",")}
        supported = bundle_traces()
        if supported is not None and not used <= supported:
            # A trace type outside the trimmed bundle: this page gets the full plotly.js, loaded before the charts.
            logger.info(f"{pagename}: trace types {sorted(used - supported)} need the full plotly.js bundle")
            app.add_js_file(f"{prefix}plotly-full.min.js", defer="defer")
        app.add_js_file(f"{prefix}chart-loader.js", defer="defer")
    if "<!-- course:quiz -->" in body:
        app.add_css_file(f"{prefix}quiz.css")
        app.add_js_file(f"{prefix}quiz.js", defer="defer")
    if "<!-- course:timeline -->" in body:
        app.add_js_file(f"{prefix}timeline.js", defer="defer")
    _dedupe_scripts(context)


def _dedupe_scripts(context: dict) -> None:
    seen = set()
    unique = []
    for script in context.get("script_files", []):
        # The same inline script is registered once with filename None and once with "": compare by content.
        filename = getattr(script, "filename", script) or ""
        key = (str(filename), tuple(sorted((getattr(script, "attributes", {}) or {}).items())))
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC_SUBDIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ASSETS, target)
    shutil.copyfile(plotly_bundle(), target / "plotly.min.js")
    if plotly_bundle() != full_plotly():
        shutil.copyfile(full_plotly(), target / "plotly-full.min.js")
    logger.info(f"course assets copied to {target} (plotly.js: {plotly_bundle().name})")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", validate_quiz_banks)
    app.connect("html-page-context", add_page_assets)
    app.connect("build-finished", copy_assets)
    app.add_css_file(f"{STATIC_SUBDIR}/course.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
