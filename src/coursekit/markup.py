"""Safe inline markup for short texts written in YAML (quiz prompts, explanations, captions).

Only four constructs are understood::

    *emphasis*   **strong**   `code`   [link text](https://example.org/page)

Everything else, raw HTML included, is escaped, so a text can never inject markup or script into a page.
Link targets are limited to http(s) URLs, relative paths and ``#anchors``; any other target (``javascript:``,
``data:``, ``//host``...) is dropped and only the link text is kept. Use :func:`unsafe_links` to report such
targets as errors when validating content.

>>> inline("A *loan* is not a **grant**: see [the data](../data_sources.html#us-aid).")
'A <em>loan</em> is not a <strong>grant</strong>: see <a href="../data_sources.html#us-aid">the data</a>.'
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

__all__ = ["inline", "plain", "is_safe_url", "unsafe_links"]

# One alternative per construct; the first that matches at a position wins, so ``**`` is tried before ``*``.
# Emphasis markers must touch the text they wrap ("2 * 3 * 4" stays as it is), as in Markdown.
# A link target may contain one level of balanced parentheses, as Wikipedia URLs do.
_TOKEN = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\*\*(?P<strong>\S(?:.*?\S)?)\*\*"
    r"|\*(?P<em>[^*\s](?:[^*]*?[^*\s])?)\*"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\)"
)


def is_safe_url(url: str) -> bool:
    """True for http(s) URLs, relative paths and #anchors; False for any other scheme or a //host URL."""
    if not url or url.startswith("//") or any(ord(char) < 32 or char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    # No scheme: a relative path or an anchor. A colon before the first slash would make a browser read a scheme.
    return ":" not in url.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]


def inline(text: str) -> str:
    """Render ``text`` as safe HTML (see the module docstring for what is understood)."""
    out = []
    position = 0
    for match in _TOKEN.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        if match["code"] is not None:
            out.append(f"<code>{html.escape(match['code'])}</code>")
        elif match["strong"] is not None:
            out.append(f"<strong>{inline(match['strong'])}</strong>")
        elif match["em"] is not None:
            out.append(f"<em>{inline(match['em'])}</em>")
        elif is_safe_url(match["url"]):
            out.append(f'<a href="{html.escape(match["url"])}">{inline(match["text"])}</a>')
        else:
            out.append(inline(match["text"]))  # unsafe target: keep the words, drop the link
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def plain(text: str) -> str:
    """The text without markup characters (for aria-labels, titles and other plain-text places). Not escaped."""
    result = []
    position = 0
    for match in _TOKEN.finditer(text):
        result.append(text[position : match.start()])
        if match["code"] is not None:
            result.append(match["code"])
        else:
            result.append(plain(match["strong"] or match["em"] or match["text"]))
        position = match.end()
    result.append(text[position:])
    return "".join(result)


def unsafe_links(text: str) -> list[str]:
    """The link targets in ``text`` that :func:`inline` would drop (for validators to report)."""
    return [match["url"] for match in _TOKEN.finditer(text) if match["url"] and not is_safe_url(match["url"])]
