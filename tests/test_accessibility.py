"""Accessibility of the built website: axe-core finds no violation on any page, and the course works by keyboard.

axe-core (pinned in package.json, installed by `make node-deps`) is injected into every page of the built site and
run with every one of its rules switched on, experimental ones included, at every impact level, with one exception:
``color-contrast-enhanced`` is WCAG's AAA level (7:1), beyond the course's AA standard, which ``color-contrast``
checks. A violation is fixed where it arises (the course's HTML, a theme template override in book/_templates, or
course.css), never by switching a rule off here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SITE_DIR, skip_or_fail
from site_pages import built_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

AAA_ONLY = ["color-contrast-enhanced"]
RUN_AXE = """async () => {
  const AAA_ONLY = """ + json.dumps(AAA_ONLY) + """;
  const rules = {};
  for (const rule of axe.getRules()) rules[rule.ruleId] = { enabled: !AAA_ONLY.includes(rule.ruleId) };
  const result = await axe.run(document, { rules, resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(1, 2).join("")),
    count: v.nodes.length,
  }));
}"""


def _page_paths() -> list[str]:
    if not (SITE_DIR / "index.html").exists():
        return ["(no built site)"]
    return [str(p.relative_to(SITE_DIR)) for p in built_pages(SITE_DIR)]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        skip_or_fail(f"{AXE.relative_to(ROOT)} is missing: run `make node-deps` (npm ci) to install axe-core")
    return AXE.read_text(encoding="utf-8")


def _open(page, site_url: str, page_path: str) -> None:
    if page_path == "(no built site)":
        pytest.fail("no built site: run `make book`")
    page.goto(site_url + page_path, wait_until="load")


def _draw_every_chart(page) -> None:
    """Charts are drawn as they scroll into view; draw them all so axe also checks plotly's output."""
    page.evaluate("() => window.courseCharts && Promise.all([...document.querySelectorAll('figure.course-chart')]"
                  ".map(f => window.courseCharts.draw(f)))")


@pytest.mark.parametrize("page_path", _page_paths())
def test_axe_finds_no_violations(page, site_url, axe_source, page_path):
    _open(page, site_url, page_path)
    _draw_every_chart(page)
    # Open every disclosure (chart tables, solutions, quiz answers) so that their content is checked too.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    # Opening fades content in: let the animations finish, or axe measures colours half-way through the fade.
    page.evaluate("""async () => {
      await new Promise(frame => requestAnimationFrame(() => requestAnimationFrame(frame)));
      await Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
                          new Promise(done => setTimeout(done, 3000))]);
    }""")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE)
    report = "\n".join(
        f"  {v['id']} ({v['impact']}, {v['count']} element(s)): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )
    assert not violations, f"{page_path}: axe-core found {len(violations)} kind(s) of violation:\n{report}"


# ------------------------------------------------------------------------------------------------ keyboard


def _first_chart_page() -> str | None:
    if not (SITE_DIR / "index.html").exists():
        return None
    for path in built_pages(SITE_DIR):
        if 'class="course-chart"' in path.read_text(encoding="utf-8"):
            return str(path.relative_to(SITE_DIR))
    return None


def _focused(page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName.toLowerCase(), text: (el.textContent || "").trim().slice(0, 60),
               id: el.id, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
               shadow: style.boxShadow !== "none" };
    }""")


def test_skip_link_is_first_and_moves_focus_to_the_content(page, site_url):
    path = _first_chart_page() or "intro.html"
    _open(page, site_url, path)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["tag"] == "a" and "skip" in first["text"].lower(), f"{path}: the first Tab lands on {first}, not the skip link"
    assert first["outline"] or first["shadow"], f"{path}: the skip link has no visible focus indicator"
    assert page.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.top >= 0; }"), (
        f"{path}: the focused skip link is not visible on screen"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main-content"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('#main-content, main')")
    assert inside, f"{path}: after the skip link, Tab does not move into the main content but to {_focused(page)}"


def test_chart_table_disclosure_opens_by_keyboard_with_visible_focus(page, site_url):
    path = _first_chart_page()
    if path is None:
        pytest.skip("no page with a chart in this build")
    _open(page, site_url, path)
    summary = page.locator("figure.course-chart details.course-chart-table > summary").first
    # Tab until the table's disclosure has focus: proves it is in the tab order.
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('figure.course-chart details.course-chart-table > summary')"):
            break
    else:
        pytest.fail(f"{path}: the first chart's 'Show the numbers' disclosure never received keyboard focus")
    state = _focused(page)
    assert state["outline"] or state["shadow"], f"{path}: the focused disclosure has no visible focus indicator"
    page.keyboard.press("Enter")
    assert summary.evaluate("s => s.parentElement.open"), f"{path}: Enter did not open the data table"
    assert page.locator("figure.course-chart details[open] table").first.is_visible()


def test_every_focusable_control_shows_focus(page, site_url):
    """Tab through a chart page: every element that takes focus draws an outline or a focus shadow."""
    path = _first_chart_page() or "intro.html"
    _open(page, site_url, path)
    missing = []
    seen = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        state = _focused(page)
        key = (state["tag"], state["id"], state["text"])
        if key in seen:
            continue
        seen.add(key)
        if state["tag"] != "body" and not (state["outline"] or state["shadow"]):
            missing.append(state)
    assert not missing, f"{path}: elements with no visible focus: {json.dumps(missing[:10], ensure_ascii=False)}"


# ------------------------------------------------------------------------------------------------ without JavaScript


def test_without_javascript_every_chart_still_gives_its_description_and_numbers(browser, site_url):
    """A reader with JavaScript off sees each chart's title, description and source, and can open its data table."""
    path = _first_chart_page()
    if path is None:
        pytest.skip("no page with a chart in this build")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        figures = page.locator("figure.course-chart")
        assert figures.count() > 0, f"{path}: no chart figure in the page without JavaScript"
        for index in range(figures.count()):
            figure = figures.nth(index)
            name = figure.get_attribute("id")
            for part in (".course-chart-title", ".course-chart-description", ".course-chart-source"):
                element = figure.locator(part)
                assert element.count() == 1 and element.is_visible(), f"{path} #{name}: {part} is not visible without JavaScript"
                assert len(element.inner_text().strip()) > 10, f"{path} #{name}: {part} is empty"
            summary = figure.locator("details.course-chart-table > summary")
            summary.scroll_into_view_if_needed()
            summary.click()  # <details> opens natively, with no script
            table = figure.locator("details.course-chart-table table")
            assert table.is_visible(), f"{path} #{name}: the data table does not open without JavaScript"
            assert table.locator("tbody tr").count() > 0 and table.locator("thead th").count() > 0, (
                f"{path} #{name}: the data table has no header or no rows"
            )
    finally:
        context.close()
