"""Mining precision: how many of the candidates a user is shown are right in reading, sense and unit.

    python tools/precision.py                    # overall and first-10 precision of the judged ads
    python tools/precision.py --all              # the list as the app showed it before parts were
                                                 # kept apart: parts of compounds in the same list
    python tools/precision.py --todo todo.tsv    # write the candidates nobody has judged yet
    python tools/precision.py --accept todo.tsv  # add the judged rows of todo.tsv to the judgments
    python tools/precision.py --recall           # also run the dev-set recall evaluation
                                                 # (/work/shared/tools/eval_mining.py) and print its summary

Judged ads: ``tests/fixtures/precision/ads/*.txt`` (16 job ads of many trades written for this
measure; none of them is a dev-set ad). Judgments: ``tests/fixtures/precision/judged/<ad>.tsv``, one
row per candidate judged against the sentence it was mined from, columns
``word, reading, sense, verdict, note``:

    sense    the first meaning the user is shown (the candidate's meaning up to the first " | ")
    verdict  ``ok``, or the letters of what is wrong: R the reading does not fit the ad's use,
             S the first meaning shown is not the sense the ad uses, U the unit is not a word a
             Japanese reader would learn at that place of the ad (a fragment of a longer word, a
             part of a compound or glossary term shown as a word of its own, a merge across a word
             boundary, a compound chain listed again, a name shown as vocabulary)

A candidate is matched to a judgment by (word, reading, sense): when the miner shows another first
meaning the old judgment does not apply and the candidate is unjudged again.

Terms:
    shown list: the candidates the mining window and ``jpstudy mine`` show without being asked for
        more: those that are the unit of some span of the ad (``part_of`` False). ``--all`` scores
        every candidate instead, the parts of longer units counting as unit errors (one span of an
        ad gives one candidate; its parts are offered only on request).
    precision: candidates right in reading, sense and unit / judged candidates of the shown list.
    first-10 precision: the same over the first 10 candidates of each ad.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "precision"
ADS = FIXTURES / "ads"
JUDGED = FIXTURES / "judged"
COLUMNS = ("word", "reading", "sense", "verdict", "note")
TODO_EXTRA = ("ad", "rank", "kind", "part_of", "meaning", "sentence")
FIRST = 10
RECALL_EVAL = Path("/work/shared/tools/eval_mining.py")
ERRORS = frozenset("RSU")

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Judgment:
    """One judged candidate (see the module docstring)."""

    word: str
    reading: str
    sense: str
    verdict: str
    note: str = ""

    @property
    def key(self) -> Key:
        return (self.word, self.reading, self.sense)

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"


@dataclass
class Tally:
    """Counts over a set of candidates."""

    judged: int = 0
    right: int = 0
    unjudged: int = 0
    wrong_reading: int = 0
    wrong_sense: int = 0
    wrong_unit: int = 0

    def add(self, verdict: str | None) -> None:
        """Count one candidate with its verdict (None: unjudged)."""
        if verdict is None:
            self.unjudged += 1
            return
        self.judged += 1
        self.right += verdict == "ok"
        self.wrong_reading += "R" in verdict
        self.wrong_sense += "S" in verdict
        self.wrong_unit += "U" in verdict

    @property
    def precision(self) -> float:
        return self.right / self.judged if self.judged else 0.0

    def line(self) -> str:
        def share(wrong: int) -> str:
            return f"{1 - wrong / self.judged:.1%}" if self.judged else "-"

        return (f"{self.precision:.1%} ({self.right}/{self.judged}; reading {share(self.wrong_reading)}, "
                f"sense {share(self.wrong_sense)}, unit {share(self.wrong_unit)}; unjudged {self.unjudged})")


def first_sense(meaning: str) -> str:
    """The first meaning shown: the candidate's meaning up to the first " | "."""
    return meaning.split(" | ")[0].strip()


def read_judgments(path: Path) -> dict[Key, Judgment]:
    """The judgments of one ad (an absent file: none)."""
    if not path.exists():
        return {}
    out: dict[Key, Judgment] = {}
    for number, row in enumerate(read_tsv(path)[1:], start=2):
        j = Judgment(*(row + [""] * len(COLUMNS))[:len(COLUMNS)])
        if j.verdict != "ok" and (not j.verdict or set(j.verdict) - ERRORS):
            raise ValueError(f"{path}:{number}: verdict must be 'ok' or letters of RSU, not {j.verdict!r}")
        out[j.key] = j
    return out


def write_judgments(path: Path, judgments: Iterable[Judgment]) -> None:
    """Write one ad's judgments, sorted by word, reading and sense."""
    rows = [[j.word, j.reading, j.sense, j.verdict, j.note]
            for j in sorted(judgments, key=lambda j: (j.word, j.reading, j.sense))]
    write_tsv(path, COLUMNS, rows)


def read_tsv(path: Path) -> list[list[str]]:
    """The non-empty rows of a tab-separated file (no quoting: fields never hold a tab or line break)."""
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write a tab-separated file; tabs and line breaks inside a field become spaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(header)]
    lines += ["\t".join(" ".join(str(f).split("\t")).replace("\n", " ") for f in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ads() -> list[Path]:
    """The judged ads, in name order."""
    return sorted(ADS.glob("*.txt"))


def shown(result: Any, everything: bool = False) -> list[Any]:
    """The candidates a user is shown (see the module docstring), in the miner's order."""
    return [c for c in result.candidates if everything or not c.part_of]


@dataclass
class Score:
    """Precision over all ads and over each ad's first 10 candidates, with the unjudged candidates."""

    overall: Tally
    first: Tally
    todo: list[dict[str, str]]
    per_ad: dict[str, Tally]


def score(mine: Any, everything: bool = False) -> Score:
    """Score every judged ad with ``mine(text) -> MiningResult``; ``everything``: see ``--all``."""
    overall, first, per_ad, todo = Tally(), Tally(), {}, []
    for path in ads():
        judged = read_judgments(JUDGED / f"{path.stem}.tsv")
        tally = per_ad[path.stem] = Tally()
        for rank, c in enumerate(shown(mine(path.read_text(encoding="utf-8")), everything)):
            verdict = verdict_of(c, judged, everything)
            for t in (overall, tally, *((first,) if rank < FIRST else ())):
                t.add(verdict)
            if verdict is None:
                todo.append({"word": c.word, "reading": c.reading, "sense": first_sense(c.meaning), "verdict": "",
                             "note": "", "ad": path.stem, "rank": str(rank), "kind": c.kind,
                             "part_of": str(c.part_of), "meaning": c.meaning, "sentence": c.sentence})
    return Score(overall, first, todo, per_ad)


def verdict_of(c: Any, judged: dict[Key, Judgment], everything: bool) -> str | None:
    """The verdict for candidate ``c`` (None: unjudged). Listed with the shown words (``everything``),
    a part of a longer unit is a unit error whatever its reading and sense."""
    j = judged.get((c.word, c.reading, first_sense(c.meaning)))
    if everything and c.part_of:
        return "".join(sorted(set(j.verdict) | {"U"})) if j is not None and not j.ok else "U"
    return None if j is None else j.verdict


def write_todo(path: Path, todo: Sequence[dict[str, str]]) -> None:
    """The unjudged candidates as a TSV to fill in (the verdict column) and pass to ``--accept``."""
    header = (*COLUMNS, *TODO_EXTRA)
    write_tsv(path, header, [[row[k] for k in header] for row in todo])


def accept(path: Path) -> int:
    """Add the judged rows of a todo file to the judgments of their ads; returns how many."""
    header, *rows = read_tsv(path)
    by_ad: dict[str, list[Judgment]] = {}
    for values in rows:
        row = dict(zip(header, values + [""] * len(header), strict=False))
        if row["verdict"].strip():
            by_ad.setdefault(row["ad"], []).append(
                Judgment(row["word"], row["reading"], row["sense"], row["verdict"].strip(), row["note"]))
    for ad, new in by_ad.items():
        file = JUDGED / f"{ad}.tsv"
        have = read_judgments(file)
        have.update((j.key, j) for j in new)
        write_judgments(file, have.values())
    return sum(map(len, by_ad.values()))


@contextmanager
def miner(data_dir: str | None) -> Iterator[Any]:
    """Yield ``mine(text)`` over the bundled dictionary (built in ``data_dir`` or a temporary folder)."""
    from jpstudy.dictionary import Dictionary
    from jpstudy.mining import miner_for

    with tempfile.TemporaryDirectory() as tmp:
        dictionary = Dictionary.open(data_dir or tmp)
        try:
            m = miner_for(dictionary)
            yield m.mine
        finally:
            dictionary.close()


def recall_line(eval_script: Path) -> str:
    """The last line (the summary) of the dev-set recall evaluation, run on this checkout."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, str(eval_script)], capture_output=True, text=True, cwd=ROOT, env=env,
                          check=False)
    lines = done.stdout.strip().splitlines()
    return lines[-1] if done.returncode == 0 and lines else f"recall evaluation failed: {done.stderr.strip()[-500:]}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", help="data folder holding (or to hold) the built dictionary")
    ap.add_argument("--all", action="store_true", help="score every candidate, parts of compounds included")
    ap.add_argument("--todo", type=Path, help="write the unjudged candidates to this TSV")
    ap.add_argument("--accept", type=Path, help="add the judged rows of this TSV to the judgments")
    ap.add_argument("--per-ad", action="store_true", help="print each ad's precision")
    ap.add_argument("--recall", nargs="?", const=RECALL_EVAL, type=Path, metavar="EVAL_SCRIPT",
                    help=f"also print the dev-set recall summary (default script: {RECALL_EVAL})")
    args = ap.parse_args(argv)
    if args.accept:
        print(f"accepted {accept(args.accept)} judgments")
        return 0
    with miner(args.data_dir or os.environ.get("JPSTUDY_DATA_DIR")) as mine:
        result = score(mine, everything=args.all)
    listed = "every candidate, parts included" if args.all else "shown list"
    print(f"ads={len(result.per_ad)} ({listed})")
    if args.per_ad:
        for name, tally in result.per_ad.items():
            print(f"  {name:28} {tally.line()}")
    print(f"precision overall:  {result.overall.line()}")
    print(f"precision first {FIRST}: {result.first.line()}")
    if args.todo:
        write_todo(args.todo, result.todo)
        print(f"{len(result.todo)} unjudged candidates written to {args.todo}")
    if args.recall:
        print(f"dev-set recall: {recall_line(args.recall)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
