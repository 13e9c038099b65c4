"""Steps that run on the built site after Sphinx: make every page light and fast, then check the site is self-contained.

Usage: python scripts/postbuild.py book/_build/html

What it does, and why (the measurements are in BENCHMARK.md):

1. The theme's icons. pydata-sphinx-theme loads a 1.5 MB ``fontawesome.js`` on every page, which turns each
   ``<i class="fa-…">`` into an inline SVG, and its stylesheet downloads the full Font Awesome webfonts as well. The
   script is replaced by a stub and its tag removed; the webfonts are cut down (fontTools) to the glyphs this site
   uses, and the icon rules nobody uses are dropped from the theme's stylesheet. Every icon still shows, from the font.
2. Every script in a page's ``<head>`` is deferred, so no script blocks the first paint.
3. Style rules for classes that appear in no page and no script of the site are dropped from the theme's large
   stylesheets (pydata-sphinx-theme: mostly Bootstrap utilities), which the browser otherwise matches against
   every element of every page. A class built in a script from pieces ("bs-tooltip-" + side) keeps its rules.
4. The theme's ``styles/theme.css`` only ``@import``s Sphinx's ``basic.css``: a second round trip before the first
   paint. It is replaced by basic.css's own content. The launch buttons' logos (in a closed menu) load lazily.
5. Sphinx's search scripts (and the whole search index) leave every page but ``search.html``: the theme's search box
   sends the reader to ``search.html``, which is the only page that searches (unless the theme's search-as-you-type
   is switched on, in which case they stay).

Each step starts from the theme's original files inside the installed package, never from what a previous run
wrote, so running this twice (or after an incremental build) gives the same site.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

FA_DIR = Path("_static/vendor/fontawesome/webfonts")
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
FA_SCRIPT = Path("_static/scripts/fontawesome.js")
FA_STUB = (
    "/* Font Awesome's SVG script is not used on this site: its icons come from the theme's stylesheet and webfonts,\n"
    "   cut down to the glyphs the site uses (scripts/postbuild.py). */\n"
)
# The three webfonts the theme ships, as (name in the CSS, file stem).
FA_FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# An icon rule of the Font Awesome stylesheet: ".fa-a:before,.fa-b:before{content:"\f002"}".
ICON_RULE = re.compile(r'(?<=[}\n])((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{(content|--fa):("[^"]*")\}')
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
FONT_SRC = re.compile(
    r"url\((?P<dir>[^)]*?/webfonts/)(?P<font>fa-[a-z]+-\d+)\.woff2\) format\(\"woff2\"\),"
    r"url\([^)]*?\.ttf\) format\(\"truetype\"\)"
)

HEAD = re.compile(r"<head>.*?</head>", re.DOTALL)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")


def theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


# Folders of the built site that hold assets, sources or execution reports rather than pages.
NOT_PAGES = {"_static", "_sources", "_downloads", "_images", "reports", "jupyter_execute", "_sphinx_design_static"}


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in NOT_PAGES)


# ------------------------------------------------------------------------------------------------ 1. icons


def icons_used(site: Path) -> set[str]:
    """Every fa-… class named in a page or in a script that builds markup (the theme's own scripts do)."""
    names: set[str] = set()
    for path in pages(site):
        names.update(ICON_CLASS.findall(path.read_text(encoding="utf-8")))
    for path in (site / "_static").rglob("*.js"):
        if path.name == "fontawesome.js" or "plotly" in path.name or path.stat().st_size > 300_000:
            continue
        names.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _decode_css_string(text: str) -> str:
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text.strip('"'))


def trim_theme_css(css: str, used: set[str]) -> str:
    """Keep only the icon rules whose class is used, and serve the webfonts as the cut-down WOFF files."""

    def keep(match: re.Match) -> str:
        selectors = [s for s in match.group(1).split(",") if s]
        kept = [s for s in selectors if s.split(":")[0][1:] in used]
        return f"{','.join(kept)}{{{match.group(2)}:{match.group(3)}}}" if kept else ""

    css = ICON_RULE.sub(keep, css)
    return FONT_SRC.sub(lambda m: f'url({m.group("dir")}{m.group("font")}.woff) format("woff")', css)


def codepoints_in(css_texts: list[str]) -> set[int]:
    """Every character an icon can show: the content of the icon rules kept, and the theme's own icon variables."""
    points: set[int] = set()
    for css in css_texts:
        for match in ICON_RULE.finditer("}" + css):
            points.update(ord(c) for c in _decode_css_string(match.group(3)))
        points.update(ord(c) for c in PRIVATE_USE.findall(css))
        points.update(int(m, 16) for m in re.findall(r'"\\(f[0-9a-fA-F]{3})"', css))
    return points


def subset_fonts(source_dir: Path, target_dir: Path, points: set[int]) -> dict[str, tuple[int, int]]:
    """Write <font>.woff with only the given characters; the result maps each font to its (before, after) bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    sizes = {}
    options = subset.Options()
    options.flavor = "woff"  # WOFF needs only zlib; every browser the theme supports reads it
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence notices
    options.notdef_outline = True
    for stem in FA_FONTS:
        font = TTFont(source_dir / f"{stem}.ttf")
        available = set(font.getBestCmap())
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points & available) or [0x20])
        subsetter.subset(font)
        target = target_dir / f"{stem}.woff"
        font.flavor = "woff"
        font.save(target)
        sizes[stem] = ((source_dir / f"{stem}.woff2").stat().st_size, target.stat().st_size)
        for old in (f"{stem}.woff2", f"{stem}.ttf"):  # no longer referenced by any stylesheet
            (target_dir / old).unlink(missing_ok=True)
    return sizes


def trim_icons(site: Path) -> str:
    static = theme_static()
    used = icons_used(site)
    css = trim_theme_css((static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8"), used)
    other_css = [p.read_text(encoding="utf-8", errors="replace") for p in (site / "_static").rglob("*.css")
                 if p.name != "pydata-sphinx-theme.css"]
    points = codepoints_in([css, *other_css])
    (site / THEME_CSS).write_text(css, encoding="utf-8")
    sizes = subset_fonts(static / "vendor" / "fontawesome" / "webfonts", site / FA_DIR, points)
    (site / FA_SCRIPT).write_text(FA_STUB, encoding="utf-8")
    (site / FA_SCRIPT.with_suffix(".js.map")).unlink(missing_ok=True)
    fonts = ", ".join(f"{k} {a // 1024} KB -> {b // 1024 + 1} KB" for k, (a, b) in sizes.items())
    return f"icons: {len(used)} classes, {len(points)} glyphs kept; {fonts}"


# ------------------------------------------------------------------------------------------------ 3. unused CSS

CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
JS_WORD = re.compile(r"[A-Za-z_][\w-]*")
FUNCTIONAL_PSEUDO = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
PURGED_STYLESHEETS = ("styles/pydata-sphinx-theme.css", "sphinx-design.min.css")


def classes_in_use(site: Path) -> tuple[set[str], tuple[str, ...]]:
    """Class names in the pages, every word in the site's scripts, and prefixes scripts build class names from."""
    used: set[str] = set()
    for path in pages(site):
        for value in CLASS_ATTR.findall(path.read_text(encoding="utf-8")):
            used.update(value.split())
    for path in (site / "_static").rglob("*.js"):
        used.update(JS_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    prefixes = tuple(sorted({w for w in used if w.endswith("-") and len(w) > 3}))
    return used, prefixes


def _split_top(text: str, separator: str = ",") -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _block_end(css: str, start: int) -> int:
    """Index just after the "}" closing the block whose "{" is at start (strings and nesting respected)."""
    depth, i, quote = 0, start, None
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(css)


def purge_css(css: str, used: set[str], prefixes: tuple[str, ...]) -> str:
    def alive(selector: str) -> bool:
        plain = FUNCTIONAL_PSEUDO.sub("", selector)  # :not(.x), :is(.a, .b) never make a selector dead
        return all(name in used or name.startswith(prefixes) for name in SELECTOR_CLASS.findall(plain))

    out, i = [], 0
    while i < len(css):
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = len(css) if end < 0 else end + 2
            if css.startswith("/*!", i):  # licence notices stay
                out.append(css[i:end])
            i = end
            continue
        brace = css.find("{", i)
        semicolon = css.find(";", i)
        if brace < 0:
            out.append(css[i:])
            break
        if 0 <= semicolon < brace and css[i:semicolon].lstrip().startswith("@"):  # @import, @charset, @layer a, b;
            out.append(css[i:semicolon + 1])
            i = semicolon + 1
            continue
        prelude = css[i:brace]
        end = _block_end(css, brace)
        body = css[brace + 1:end - 1]
        head = prelude.strip()
        if head.startswith(("@media", "@supports", "@layer", "@container")):
            inner = purge_css(body, used, prefixes)
            if inner.strip():
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{body}}}")
        else:
            kept = [s.strip() for s in _split_top(head) if alive(s)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
        i = end
    return "".join(out)


def inline_basic_css(site: Path) -> str:
    theme_css, basic = site / "_static" / "styles" / "theme.css", site / "_static" / "basic.css"
    if not (theme_css.exists() and basic.exists()) or "@import" not in theme_css.read_text(encoding="utf-8"):
        return "theme.css: nothing to inline"
    css = basic.read_text(encoding="utf-8")
    css = re.sub(r"url\((['\"]?)(?!data:|/|https?:)", r"url(\1../", css)  # basic.css's relative URLs, seen from styles/
    theme_css.write_text("/* Sphinx's basic.css, inlined by scripts/postbuild.py (it was an @import) */\n" + css, encoding="utf-8")
    return "theme.css: basic.css inlined"


def purge_stylesheets(site: Path) -> str:
    used, prefixes = classes_in_use(site)
    report = []
    for name in PURGED_STYLESHEETS:
        path = site / "_static" / name
        if not path.exists():
            continue
        before = path.read_text(encoding="utf-8")
        after = purge_css(before, used, prefixes)
        path.write_text(after, encoding="utf-8")
        (path.parent / (path.name + ".map")).unlink(missing_ok=True)
        report.append(f"{Path(name).name} {len(before) // 1024} KB -> {len(after) // 1024} KB")
    return "unused CSS rules dropped: " + ", ".join(report)


# ------------------------------------------------------------------------------------------------ 2, 4. scripts


def _defer(tag: str) -> str:
    lowered = tag.lower()
    if "src=" not in lowered or re.search(r"\s(defer|async)\b", lowered) or 'type="module"' in lowered:
        return tag
    return tag[:-1].rstrip() + " defer>" if not tag.endswith("/>") else tag[:-2].rstrip() + " defer/>"


def rewrite_head(head: str, keep_search: bool) -> str:
    # Drop the Font Awesome script (a stub now) and, off the search page, Sphinx's search scripts.
    drop = ["scripts/fontawesome.js"] + ([] if keep_search else list(SEARCH_SCRIPTS))
    for name in drop:
        head = re.sub(r'[ \t]*<script\b[^>]*\bsrc="[^"]*' + re.escape(name) + r'[^"]*"[^>]*>\s*</script>\n?', "", head)
    return SCRIPT_TAG.sub(lambda m: _defer(m.group(0)), head)


# The theme's toggle for a table-of-contents entry with sub-pages is a <summary> holding only an icon: name it.
NAV_TOGGLE = re.compile(
    r'(<li class="[^"]*has-children[^"]*"><a [^>]*>(?P<label>.*?)</a><details(?: open(?:="open")?)?><summary>)'
    r'(?P<icon><span class="toctree-toggle" role="presentation">)', re.DOTALL)
LOGO_IMG = re.compile(r'<img (?![^>]*\bloading=)([^>]*_static/images/logo_[^>]*)>')


def rewrite_pages(site: Path) -> str:
    changed = 0
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        keep_search = path.name == "search.html" or "search_as_you_type = true" in html
        new = HEAD.sub(lambda m: rewrite_head(m.group(0), keep_search), html, count=1)
        new = LOGO_IMG.sub(r'<img loading="lazy" \1>', new)
        new = NAV_TOGGLE.sub(
            lambda m: m.group(1) + f'<span class="visually-hidden">Sections of {re.sub("<[^>]+>", "", m.group("label")).strip()}</span>'
            + m.group("icon"), new)
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return f"pages: {changed} rewritten (head scripts deferred, icon script and off-page search scripts removed)"


# ------------------------------------------------------------------------------------------------ checks


def check_self_contained(site: Path) -> list[str]:
    problems = []
    external = re.compile(r"""<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    for path in pages(site):
        for head in HEAD.findall(path.read_text(encoding="utf-8")):
            if external.search(head):
                problems.append(f"{path.relative_to(site)}: the page loads a file from another host")
    return problems


def main(site: Path) -> int:
    if not (site / "index.html").exists():
        print(f"postbuild: {site} holds no built site (index.html missing)")
        return 1
    print("postbuild:", trim_icons(site))
    print("postbuild:", purge_stylesheets(site))
    print("postbuild:", inline_basic_css(site))
    print("postbuild:", rewrite_pages(site))
    problems = check_self_contained(site)
    for problem in problems:
        print("postbuild: WARNING:", problem)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[2])
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
