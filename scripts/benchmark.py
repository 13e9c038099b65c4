"""The course's benchmark: build times, notebook run times, and how fast and light every page is on a phone.

Usage: python scripts/benchmark.py [--build-dir build/benchmark] [--runs 3] [--skip-build] [--toc FILE]
(`make benchmark` runs it with the defaults; it is run by hand, not in CI, and takes about 15 minutes.)

It builds the site from clean (timed), rebuilds it with nothing changed (timed, jupyter-cache), runs every notebook
with nbval (timed), serves the site as a static host does (scripts/serve.py), and for every page runs
Lighthouse 12.2.3 (pinned in benchmark/package.json; mobile preset: simulated slow 4G and 4x slower CPU) and a
time-to-chart measurement in Chromium under the same throttling applied for real. It writes BENCHMARK.md and
benchmark/report.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from site_pages import built_pages  # noqa: E402  (the same page list the tests use)

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
LIGHTHOUSE_DIR = ROOT / "benchmark"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PYTHON = ROOT / ".venv" / "bin" / "python"
# Lighthouse's mobile throttling ("slow 4G", Moto G Power), as its devtools throttling applies it for real:
# 150 ms RTT x 3.75 and 1.6 Mbit/s x 0.9 down, 750 kbit/s x 0.9 up; the CPU 4 times slower.
THROTTLE = {"latency": 150 * 3.75, "download": 1638.4 * 0.9 * 1024 / 8, "upload": 750 * 0.9 * 1024 / 8, "cpu": 4}
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100, "time_to_chart_ms": 1500}


def run_timed(command: list[str], log: Path, env: dict | None = None) -> tuple[float, bool]:
    """Seconds the command took, and whether it succeeded (a failure is reported, and the benchmark goes on)."""
    start = time.perf_counter()
    with log.open("w") as out:
        result = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    elapsed = round(time.perf_counter() - start, 1)
    if result.returncode != 0:
        print(f"  FAILED ({result.returncode}) after {elapsed:.0f} s: {' '.join(command)}; see {log}", file=sys.stderr)
    return elapsed, result.returncode == 0


def version_of(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def machine() -> dict:
    memory = "?"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    cpu = "?"
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1).strip()
    except (OSError, AttributeError):
        pass
    lighthouse = json.loads((LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json").read_text())["version"] \
        if LIGHTHOUSE.exists() else "not installed"
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": version_of(["node", "--version"]),
        "chromium": re.sub(r"\s+built on.*", "", version_of([CHROMIUM, "--version"])),
        "lighthouse": lighthouse,
    }


# ------------------------------------------------------------------------------------------------ build and notebooks


def build(build_dir: Path, toc: Path | None, logs: Path) -> dict:
    """Clean build, then a rebuild with nothing changed; both through `make book` as a maintainer runs it."""
    if build_dir.exists():
        shutil.rmtree(build_dir)
    command = ["make", "-C", str(ROOT), "book", f"BUILD_DIR={build_dir}"]
    env = {}
    if toc:  # a partial book while chapters are being written: same build, another table of contents
        env = {"JB_TOC_ARGS": f"--toc {toc}"}
        command = ["bash", "-c",
                   f"make -C {ROOT} env plotly-bundle >/dev/null && COURSE_BOOK_BUILD=1 {ROOT}/.venv/bin/jupyter-book build -n -W "
                   f"--keep-going {ROOT}/book/ --path-output {build_dir} --toc {toc}; rc=$?; "
                   f"{PYTHON} {ROOT}/scripts/postbuild.py {build_dir}/_build/html; exit $rc"]
    print("building from clean ...", flush=True)
    clean, clean_ok = run_timed(command, logs / "build-clean.log", env)
    print(f"  {clean} s\nrebuilding with nothing changed ...", flush=True)
    cached, cached_ok = run_timed(command, logs / "build-cached.log", env)
    print(f"  {cached} s", flush=True)
    site = build_dir / "_build" / "html"
    if not (clean_ok and cached_ok) and (site / "index.html").exists():
        # A strict build stops before the post-build step when Sphinx warns; measure the site as it would ship.
        subprocess.run([str(PYTHON), str(ROOT / "scripts" / "postbuild.py"), str(site)], check=True)
    # Sphinx's warnings ("WARNING: …"), not the kernel's notices ("[IPKernelApp] WARNING | …").
    warnings = len(re.findall(r"WARNING: ", (logs / "build-clean.log").read_text(errors="replace")))
    return {"clean_build_s": clean, "clean_build_ok": clean_ok, "cached_rebuild_s": cached,
            "cached_rebuild_ok": cached_ok, "clean_build_warnings": warnings}


def notebook_times(build_dir: Path) -> dict[str, float]:
    """Execution time of each notebook in the clean build, from jupyter-cache's records (the latest per notebook)."""
    from jupyter_cache import get_cache

    times = {}
    for record in get_cache(str(build_dir / "_build" / ".jupyter_cache")).list_cache_records():
        seconds = (record.data or {}).get("execution_seconds")
        if seconds is not None:
            times[str(Path(record.uri).resolve().relative_to(ROOT / "book"))] = round(seconds, 1)
    return dict(sorted(times.items()))


def nbval(logs: Path) -> float:
    print("running every notebook with nbval ...", flush=True)
    seconds, ok = run_timed([str(PYTHON), "-m", "pytest", "book", "-q"], logs / "nbval.log")
    summary = (logs / "nbval.log").read_text(errors="replace").strip().splitlines()[-1:] or ["?"]
    print(f"  {seconds} s: {summary[0]}", flush=True)
    return {"nbval_s": seconds, "nbval_ok": ok, "nbval_summary": summary[0].strip("= ")}


# ------------------------------------------------------------------------------------------------ pages


def serve(site: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([str(PYTHON), str(ROOT / "scripts" / "serve.py"), str(site), "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if "http://" not in line:
        process.kill()
        raise SystemExit(f"the local server did not start: {line!r}")
    return process, line.split("on ", 1)[1].split(" ", 1)[0]


def lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"Lighthouse failed on {url}: {result.stderr[-800:]}")
    report = json.loads(out.read_text())
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    failed = {}
    for category in CATEGORIES:  # the audits that cost points: weighted in a category and not passed
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed[ref["id"]] = f"{category}: {audit['title']}"
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "transfer_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "speed_index_ms": round(audits["speed-index"]["numericValue"]),
        "failed_audits": failed,
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's own advice for noisy results)."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["performance_runs"] = [r["scores"]["performance"] for r in runs]
    return chosen


SCROLL_STEP_PX, SCROLL_STEP_MS = 200, 100  # a reader skimming down the page: 2,000 px a second


def time_to_chart(browser, url: str, how: str) -> dict | None:
    """Open the page on a throttled phone, bring its first chart into view, and time it from visible to drawn.

    how: "scroll"  the reader starts scrolling once the page has settled (plotly.js prefetched) and scrolls down to
                   the chart at 2,000 px/s;
         "jump"    once the page has settled, the reader jumps straight to the chart (a link to its section);
         "at-load" the reader jumps to the chart the moment the page has loaded (the worst case).
    """
    context = browser.new_context(**MOBILE)
    page = context.new_page()
    client = context.new_cdp_session(page)
    client.send("Network.enable")
    client.send("Network.emulateNetworkConditions", {"offline": False, "latency": THROTTLE["latency"],
                                                     "downloadThroughput": THROTTLE["download"],
                                                     "uploadThroughput": THROTTLE["upload"]})
    client.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE["cpu"]})
    plot = "document.querySelector('figure.course-chart .course-chart-plot')"
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        if page.locator("figure.course-chart").count() == 0:
            return None
        if how != "at-load":
            page.wait_for_function("() => performance.getEntriesByType('resource').some(e => /plotly[^/]*\\.js$/.test(e.name)"
                                   " && e.responseEnd > 0)", timeout=120_000)
            page.wait_for_timeout(500)
        if how == "scroll":
            while page.evaluate(f"() => {plot}.getBoundingClientRect().top > innerHeight * 0.5"):
                page.evaluate(f"() => window.scrollBy(0, {SCROLL_STEP_PX})")
                page.wait_for_timeout(SCROLL_STEP_MS)
        else:
            page.evaluate(f"() => {plot}.scrollIntoView({{block: 'center'}})")
        first = page.wait_for_function(
            """() => { const id = document.querySelector('figure.course-chart').id;
                       const t = window.courseCharts.timings().find(t => t.id === id);
                       return t && t.visible !== null && t.drawn !== null && t; }""", timeout=120_000).json_value()
        return {"visible_ms": round(first["visible"]), "drawn_ms": round(first["drawn"]),
                "ms": max(0, round(first["drawn"] - first["visible"]))}
    finally:
        context.close()


def measure_pages(site: Path, runs: int, logs: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    process, base = serve(site)
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROME_FLAGS.replace("--headless=new ", "").split())
            for path in built_pages(site):
                relative = str(path.relative_to(site))
                url = base + relative
                is_chapter = relative.startswith("chapters/")
                n = runs if is_chapter else 1
                print(f"{relative}: Lighthouse x{n} ...", end=" ", flush=True)
                reports = [lighthouse(url, logs / f"lighthouse-{relative.replace('/', '_')}-{i}.json") for i in range(n)]
                result = {"page": relative, "chapter": is_chapter, **median_run(reports)}
                chart_idle = time_to_chart(browser, url, "scroll")
                if chart_idle is not None:
                    result["time_to_chart"] = chart_idle
                    result["time_to_chart_jump"] = time_to_chart(browser, url, "jump")
                    result["time_to_chart_at_load"] = time_to_chart(browser, url, "at-load")
                print(result["scores"], f"{result['transfer_bytes'] / 1024:.0f} KB, {result['requests']} requests",
                      f"chart {chart_idle['ms']} ms" if chart_idle else "", flush=True)
                results.append(result)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return results


# ------------------------------------------------------------------------------------------------ report


def verdicts(pages: list[dict]) -> list[str]:
    problems = []
    for p in pages:
        s = p["scores"]
        if p["chapter"] and s["performance"] < TARGETS["performance"]:
            problems.append(f"{p['page']}: performance {s['performance']} < {TARGETS['performance']}")
        for category in ("accessibility", "best-practices", "seo"):
            if s[category] < TARGETS[category]:
                audits = [k for k, v in p["failed_audits"].items() if v.startswith(category + ":")]
                problems.append(f"{p['page']}: {category} {s[category]} < 100 ({', '.join(audits) or '?'})")
        ttc = p.get("time_to_chart")
        for key, how in (("time_to_chart", "scrolled to"), ("time_to_chart_jump", "jumped to")):
            ttc = p.get(key)
            if ttc and ttc["ms"] > TARGETS["time_to_chart_ms"]:
                problems.append(f"{p['page']}: first chart drawn {ttc['ms']} ms after it was {how} (target 1,500 ms)")
    return problems


def _failed(build: dict, key: str) -> str:
    return "" if build.get(key, True) else " (FAILED: see the note below)"


def write_report(report: dict) -> None:
    (ROOT / "benchmark" / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    m, b = report["machine"], report["build"]
    lines = [
        "# Benchmark",
        "",
        f"Measured {report['date']} with `make benchmark` (`python scripts/benchmark.py`); the numbers are in "
        "[benchmark/report.json](benchmark/report.json). Run it again after a change that could make pages heavier "
        "or slower; CI checks only the fast gates (tests/test_accessibility.py, tests/test_budgets.py).",
        "",
        "## Machine",
        "",
        f"{m['cores']} cores ({m['cpu']}), {m['memory']} memory, {m['os']}; Python {m['python']}, Node {m['node']}, "
        f"{m['chromium']}, Lighthouse {m['lighthouse']}.",
        "",
        "## Build",
        "",
        "| step | seconds |",
        "|---|---|",
        f"| clean build (`make book`, every notebook executed) | {b['clean_build_s']}{_failed(b, 'clean_build_ok')} |",
        f"| rebuild with nothing changed (jupyter-cache) | {b['cached_rebuild_s']}{_failed(b, 'cached_rebuild_ok')} |",
        f"| every notebook through nbval (`pytest book`) | {b['nbval_s']}{_failed(b, 'nbval_ok')} |",
        "",
        f"Clean build: {b.get('clean_build_warnings', '?')} Sphinx warnings. nbval: {b.get('nbval_summary', '?')}.",
        "",
        "Execution time of each notebook in the clean build (from jupyter-cache):",
        "",
        "| notebook | seconds |",
        "|---|---|",
        *[f"| {name} | {sec} |" for name, sec in report["notebooks"].items()],
        "",
        "## Pages",
        "",
        "Lighthouse mobile preset (simulated slow 4G, 4x CPU slowdown) against `scripts/serve.py` (gzip, like a static "
        "host); chapter pages are the median of several runs (all performance scores listed). Transfer is what a first "
        "visit downloads, compressed. Time to chart: the first chart, from the moment it is scrolled into view to the "
        "moment it is drawn, in Chromium with the same throttling applied for real (412 px wide), in three cases: "
        "the reader scrolls down to it (2,000 px/s) once the page has settled / jumps straight to it once the page "
        "has settled / jumps to it the moment the page has loaded (worst case).",
        "",
        "| page | perf | a11y | best pr. | SEO | transfer | requests | FCP | LCP | TBT | time to chart |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in report["pages"]:
        s = p["scores"]
        perf = f"{s['performance']}" + (f" ({'/'.join(map(str, p['performance_runs']))})" if len(p["performance_runs"]) > 1 else "")
        ttc, jump, worst = p.get("time_to_chart"), p.get("time_to_chart_jump"), p.get("time_to_chart_at_load")
        chart = f"{ttc['ms']} / {jump['ms']} / {worst['ms']} ms" if ttc else "no chart"
        lines.append(f"| {p['page']} | {perf} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
                     f"{p['transfer_bytes'] / 1024:.0f} KB | {p['requests']} | {p['fcp_ms']} ms | {p['lcp_ms']} ms | "
                     f"{p['tbt_ms']} ms | {chart} |")
    lines += ["", "## Targets", "",
              "Performance ≥ 90 on every chapter; accessibility, best practices and SEO 100 on every page; the first chart "
              "drawn within 1.5 s of being scrolled into view.", ""]
    lines += [f"- NOT MET: {v}" for v in report["unmet"]] or ["All targets met."]
    (ROOT / "BENCHMARK.md").write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build" / "benchmark")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per chapter page (other pages: 1)")
    parser.add_argument("--skip-build", action="store_true", help="measure the site already built in --build-dir")
    parser.add_argument("--toc", type=Path, help="build with this table of contents instead of book/_toc.yml")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("installing Lighthouse (benchmark/package-lock.json) ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_DIR, check=True)
    build_dir = args.build_dir.resolve()
    site = build_dir / "_build" / "html"
    logs = Path(tempfile.mkdtemp(prefix="course-benchmark-"))
    print(f"logs and Lighthouse reports: {logs}")
    report = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    previous = ROOT / "benchmark" / "report.json"
    if args.skip_build and previous.exists():
        old = json.loads(previous.read_text())
        report["build"], report["notebooks"] = old.get("build", {}), old.get("notebooks", {})
    else:
        report["build"] = build(build_dir, args.toc, logs)
        report["notebooks"] = notebook_times(build_dir)
        report["build"].update(nbval(logs))
    if not (site / "index.html").exists():
        print(f"no site at {site}", file=sys.stderr)
        return 1
    report["pages"] = measure_pages(site, args.runs, logs)
    report["unmet"] = verdicts(report["pages"])
    write_report(report)
    print("\n".join(["", "written: BENCHMARK.md, benchmark/report.json", *report["unmet"]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
