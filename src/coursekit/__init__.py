"""Shared code for the course "Pakistan between China and the United States".

    from coursekit import charts, quiz, load

    charts.us_aid_by_year()        # a chart with its finding, description, source and data table
    quiz.show("ch03")              # the chapter's quiz
    aid = load("us_aid_by_year")   # a typed, validated table from data/
"""
from __future__ import annotations

import importlib

from . import theme  # registers the course's plotly template
from .data import DataError, load
from .figures import CourseFigure

__all__ = ["CourseFigure", "DataError", "charts", "load", "quiz", "theme"]


def __getattr__(name: str):
    # charts and quiz load on first use, which keeps `import coursekit` fast in every notebook.
    if name in ("charts", "quiz"):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")
