"""Run every benchmark with one command and write the table the README shows under "Performance".

    python bench/run.py                 # all benchmarks -> bench/RESULTS.md (and printed)
    python bench/run.py collection      # only bench/bench_collection.py, printed (RESULTS.md untouched)

Each ``bench/bench_<topic>.py`` module follows the convention of ``bench/common.py`` and runs in a
fresh Python process of its own, so that no benchmark measures what an earlier one left in memory.
A module that does not exist yet is listed as missing, and one that fails is listed with its error;
neither stops the others.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DIR, Result

EXPECTED = ("collection", "dictionary", "mining", "export", "startup")
"""The benchmarks issue 7 asks for, in table order; any other ``bench_*.py`` is run after them."""
RESULTS_FILE = BENCH_DIR / "RESULTS.md"


def topics() -> list[str]:
    """The expected topics followed by any other benchmark module present."""
    present = sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))
    return [*EXPECTED, *(t for t in present if t not in EXPECTED)]


def run_topic(topic: str) -> tuple[list[Result], str]:
    """Run one module in a child process; return its results and a status ("ok", "missing" or
    "failed: …")."""
    if not (BENCH_DIR / f"bench_{topic}.py").exists():
        return [], "missing"
    child = subprocess.run([sys.executable, __file__, "--child", topic], stdout=subprocess.PIPE, text=True,
                           check=False)
    try:
        reply = json.loads(child.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return [], f"failed: the child process ended with code {child.returncode} and no result"
    return [Result(**r) for r in reply["results"]], reply["status"]


def run_in_this_process(topic: str) -> tuple[list[Result], str]:
    """Import and run one module here (the child's side of :func:`run_topic`)."""
    try:
        module = importlib.import_module(f"bench_{topic}")
        if not callable(getattr(module, "run", None)):
            return [], "failed: defines no run() -> list[Result] (see bench/common.py)"
        return list(module.run()), "ok"
    except Exception as exc:  # a broken benchmark is reported, never stops the others
        traceback.print_exc()
        return [], f"failed: {type(exc).__name__}: {exc}".splitlines()[0][:200]


def _fmt(value: float) -> str:
    if value == 0 or 0.01 <= abs(value) < 100_000:
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:.3g}"


def table(rows: list[tuple[str, list[Result], str]]) -> str:
    """The markdown table of every result, plus a line per missing or failed benchmark."""
    lines = [
        "| Benchmark | Figure | jpstudy | Anchor | Anchor figure | Ratio | Target | Met |",
        "|---|---|---:|---|---:|---:|---|:---:|",
    ]
    problems = []
    for topic, results, status in rows:
        if status != "ok":
            problems.append(f"- `bench_{topic}.py`: {status}")
        for r in results:
            met = {None: "", True: "yes", False: "**no**"}[r.met]
            lines.append(
                f"| {topic} | {r.name} | {_fmt(r.value)} {r.unit} | {r.anchor} "
                f"| {_fmt(r.anchor_value)} {r.unit} | {r.ratio:.2f}× | {r.target} | {met} |"
            )
    notes = [f"- {topic} / {r.name}: {r.note}" for topic, results, _ in rows for r in results if r.note]
    out = "\n".join(lines)
    if notes:
        out += "\n\nNotes:\n\n" + "\n".join(notes)
    if problems:
        out += "\n\nNot measured:\n\n" + "\n".join(problems)
    return out


def machine() -> str:
    """One line describing where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    return f"{platform.platform()}, {cpu}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks (all by default), print the table and, for a full run, write ``bench/RESULTS.md``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="*", help="only these topics (default: every benchmark)")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # run one topic here, print its results as JSON
    args = parser.parse_args(argv)
    if args.child:
        results, status = run_in_this_process(args.child)
        sys.stdout.flush()
        print(json.dumps({"status": status, "results": [dataclasses.asdict(r) for r in results]}))
        return 0
    chosen = args.topics or topics()
    rows = []
    started = time.perf_counter()
    for topic in chosen:
        print(f"== bench_{topic} …", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        results, status = run_topic(topic)
        print(f"   {status} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr, flush=True)
        rows.append((topic, results, status))
    body = table(rows)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        "# Performance\n\n"
        f"Measured by `python bench/run.py` on {stamp} ({machine()}); "
        f"the whole run took {time.perf_counter() - started:.0f} s. Every ratio is jpstudy's figure divided "
        "by the anchor's, both measured in the same run on the same machine (below 1× is better for "
        "times and memory, above 1× for throughputs).\n\n"
        f"{body}\n"
    )
    if not args.topics:  # a partial run never replaces the full table the README shows
        RESULTS_FILE.write_text(text, encoding="utf-8")
    print(text)
    failed = any(status.startswith("failed") for _, _, status in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
