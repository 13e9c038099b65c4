"""Serve the built site on 127.0.0.1 the way a static web host does: gzip for text files and cache headers.

Usage: python scripts/serve.py book/_build/html [--port 8000]

`python -m http.server` sends everything uncompressed and uncached, which makes pages look several times heavier and
slower than they are on a real host; the tests and the benchmark use this server instead.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import sys
from functools import lru_cache
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".csv", ".geojson", ".xml", ".map"}
mimetypes.add_type("application/geo+json", ".geojson")
mimetypes.add_type("text/javascript", ".js")


@lru_cache(maxsize=256)
def _gzipped(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # quiet: tests and benchmarks read stdout
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            index = path / "index.html"
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard redirect to the trailing slash
            path = index
        if not path.is_file():
            self.send_error(404, "File not found")
            return None
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = _gzipped(str(path), path.stat().st_mtime)
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        # Pages are revalidated; static assets are cached like on a typical static host.
        cache = "no-cache" if path.suffix == ".html" else "public, max-age=86400"
        self.send_header("Cache-Control", cache)
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def make_server(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = lambda *args, **kwargs: Handler(*args, directory=str(site), **kwargs)  # noqa: E731
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(f"{args.site} holds no built site; run `make book` first", file=sys.stderr)
        return 1
    server = make_server(args.site, args.port)
    print(f"Serving {args.site} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
