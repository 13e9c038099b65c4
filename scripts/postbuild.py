"""Steps that run on the built site after Sphinx: checks that the site is self-contained.

Usage: python scripts/postbuild.py book/_build/html
"""
from __future__ import annotations

import sys
from pathlib import Path


def main(site: Path) -> int:
    if not (site / "index.html").exists():
        print(f"postbuild: {site} holds no built site (index.html missing)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
