"""What every benchmark module shares: the ``Result`` record, timing and memory helpers, the cache folder.

Convention (``bench/run.py`` relies on it): a module ``bench/bench_<topic>.py`` defines
``run() -> list[Result]``. Each ``Result`` compares one jpstudy figure with an *anchor*: the same work
done by a reference (Anki, fugashi alone, …) measured in the same run on the same machine, so the
ratio is meaningful on any computer. Absolute figures are kept beside the ratio.

Terms:
    anchor: the reference measurement a figure is divided by (``ratio = value / anchor_value``).
    target: an optional limit on the ratio (``ratio_limit``) and/or on the absolute value
        (``value_limit``); with ``higher_is_better`` (throughputs) the limits are minimums.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"
"""Reusable inputs (large fixtures), gitignored; delete it to rebuild them."""


@dataclass(frozen=True)
class Result:
    """One benchmark figure next to its anchor."""

    name: str  # what was measured, e.g. "open 100k-card collection + today's queue"
    value: float  # jpstudy's figure, in ``unit``
    anchor: str  # what it is compared with, e.g. "Anki 26.9.3"
    anchor_value: float  # the anchor's figure, same unit, same run
    unit: str  # "ms", "s", "MB", "notes/s", …
    ratio_limit: float | None = None  # target on value / anchor_value
    value_limit: float | None = None  # target on value itself
    higher_is_better: bool = False
    note: str = ""  # anything a reader needs to interpret the figure

    @property
    def ratio(self) -> float:
        """``value / anchor_value`` (inf when the anchor is 0)."""
        return self.value / self.anchor_value if self.anchor_value else float("inf")

    @property
    def target(self) -> str:
        """The targets as text, e.g. "≤ 2.0× anchor" or "≤ 5 ms"; empty when there is none."""
        sign = "≥" if self.higher_is_better else "≤"
        parts = []
        if self.ratio_limit is not None:
            parts.append(f"{sign} {self.ratio_limit:g}× anchor")
        if self.value_limit is not None:
            parts.append(f"{sign} {self.value_limit:g} {self.unit}")
        return ", ".join(parts)

    @property
    def met(self) -> bool | None:
        """Whether every target is met; None when the figure has no target."""
        checks = [(self.ratio, self.ratio_limit), (self.value, self.value_limit)]
        relevant = [(got, limit) for got, limit in checks if limit is not None]
        if not relevant:
            return None
        if self.higher_is_better:
            return all(got >= limit for got, limit in relevant)
        return all(got <= limit for got, limit in relevant)


def cached_fixture(name: str, build: Callable[[Path], None]) -> Path:
    """``CACHE_DIR / name``, built by ``build(path)`` on first use: into a temporary name first (a build
    that was interrupted leaves no file that looks finished), then renamed into place."""
    path = CACHE_DIR / name
    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        for leftover in CACHE_DIR.glob(partial.name + "*"):  # with SQLite's -wal/-journal files
            leftover.unlink()
        build(partial)
        partial.rename(path)
    return path


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes (monotonic, high resolution)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """The median of ``repeat`` timings of ``fn``, in seconds."""
    return statistics.median(timed(fn) for _ in range(repeat))


def wall_and_cpu(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` calls of ``fn``.

    CPU time is reported beside the wall time because it does not grow when other processes share
    the machine's cores.
    """
    samples = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - wall, time.process_time() - cpu))
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_child(args: Sequence[str], timeout: float = 600) -> dict[str, float]:
    """Run ``python ARGS`` in a fresh process and return the JSON object it prints on its last line.

    A fresh process is what makes peak-memory and start-up figures comparable between contenders.
    """
    proc = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {' '.join(args)} failed:\n{proc.stderr.strip()[-2000:]}")
    lines = proc.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"benchmark child {' '.join(args)} printed nothing")
    return dict(json.loads(lines[-1]))


def emit(figures: dict[str, float]) -> None:
    """Print a child's figures as the one JSON line ``run_child`` reads."""
    print(json.dumps(figures), flush=True)


def data_dir_main(run: Callable[[str | None], Sequence[Result]], doc: str | None, ratio_digits: int = 2) -> int:
    """The command line of a benchmark whose ``run(data_dir)`` may reuse a built dictionary: parse
    ``--data-dir``, run, print each figure on a line."""
    import argparse

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", help="data folder holding (or to hold) the built dictionary")
    args = ap.parse_args()
    for r in run(args.data_dir):
        print(f"{r.name}: {r.value:.4g} {r.unit} | {r.anchor}: {r.anchor_value:.4g} {r.unit} | "
              f"ratio {r.ratio:.{ratio_digits}f} | target {r.target or '-'} | met {r.met} | {r.note}")
    return 0
