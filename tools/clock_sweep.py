#!/usr/bin/env python3
"""Run the test suite (or part of it) under libfaketime at every hour of the day, in several zones.

A test that computes its expectation with another zone or rollover hour than the code under test
passes at some hours and fails at others; this sweep finds it. Each run starts the faked clock at
``HH:17:00`` local time of today's date in the zone (the clock then runs on), with ``TZ`` set to the zone.

Usage::

    python tools/clock_sweep.py                                  # whole suite, 24 hours × UTC, Asia/Tokyo
    python tools/clock_sweep.py --hours 3,4,5 --zones America/New_York -- tests/core/test_export_anki.py
    python tools/clock_sweep.py -m clock                          # only the tests marked ``clock``

Needs the ``faketime`` command (Debian package ``faketime``). Exit status 1 when any run fails; the
log of each failed run is printed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent


def parse_hours(text: str) -> list[int]:
    """``0-23`` or ``1,5,9`` (or a mix) as a sorted list of hours."""
    hours: set[int] = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        hours.update(range(int(low), int(high or low) + 1))
    if not hours or min(hours) < 0 or max(hours) > 23:
        raise argparse.ArgumentTypeError(f"hours must lie in 0-23, got {text!r}")
    return sorted(hours)


def run_one(zone: str, hour: int, pytest_args: list[str], python: str) -> tuple[str, int, int, str]:
    """One pytest run with the clock faked to ``hour``:17 today in ``zone``; (zone, hour, status, log)."""
    day = datetime.now(ZoneInfo(zone)).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="clock-sweep-") as tmp:
        env = {**os.environ, "TZ": zone, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": tmp}
        cmd = ["faketime", "-f", f"@{day} {hour:02d}:17:00", python, "-m", "pytest", "-q", "-p",
               "no:cacheprovider", *pytest_args]
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    return zone, hour, proc.returncode, proc.stdout + proc.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--zones", nargs="+", default=["UTC", "Asia/Tokyo"], help="IANA zones")
    parser.add_argument("--hours", type=parse_hours, default=list(range(24)), help="hours, e.g. 0-23 or 2,3,4")
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    parser.add_argument("-m", dest="marker", help="only tests with this pytest marker")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    if shutil.which("faketime") is None:
        print("clock_sweep: the faketime command is missing (Debian package faketime)", file=sys.stderr)
        return 2
    pytest_args = [*(["-m", args.marker] if args.marker else []), *args.pytest_args]
    runs = [(zone, hour) for zone in args.zones for hour in args.hours]
    failed: list[tuple[str, int, str]] = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_one, zone, hour, pytest_args, sys.executable) for zone, hour in runs]
        for future in futures:
            zone, hour, status, log = future.result()
            last = log.strip().splitlines()[-1] if log.strip() else ""
            print(f"{zone:>20} {hour:02d}:17  {'ok  ' if status == 0 else 'FAIL'}  {last}", flush=True)
            if status != 0:
                failed.append((zone, hour, log))
    for zone, hour, log in failed:
        print(f"\n===== {zone} {hour:02d}:17 =====\n{log[-6000:]}")
    print(f"clock sweep: {len(runs) - len(failed)} of {len(runs)} runs passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
