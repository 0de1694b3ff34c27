"""``jpstudy mine FILE|-``: the vocabulary of a job ad as a table, then what the ad states and its
checks; JSON with ``--json`` (``"facts"``: every fact as ``{value, text, start, end, english}`` with
offsets into the normalised text, and ``"checks"``; ``"fit"`` when a collection exists);
``--add WORD…`` adds the chosen words as cards in the ``Mined`` deck (with the ad's sentence).
FILE is a .txt, .html or .pdf file (``jpstudy.adtext``).

Exit status: 0 on success, 2 when the input cannot be read or is not text.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jpstudy.adfacts import AdFacts, Fit

TABLE_MEANING_WIDTH = 48


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("mine", help="mine the vocabulary of a job ad (file or - for standard input)")
    p.add_argument("file", metavar="FILE", help="the ad: a .txt, .html or .pdf file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print JSON: candidates, names, coverage, facts")
    p.add_argument("--add", nargs="+", metavar="WORD", help="add these words (headword or reading) as cards")
    p.add_argument("--title", default="", help="source shown on added cards (default: the ad's first line)")
    p.add_argument("--limit", type=int, default=0, help="show at most N candidates in the table")
    p.add_argument("--parts", action="store_true",
                   help="also list the parts of compounds (社会保険 of 社会保険完備) and composed compounds")
    p.add_argument("--save", action="store_true", help="keep the ad in the job-ad library (`jpstudy ads list`)")
    p.set_defaults(run=run)


def read_input(name: str) -> str:
    """The ad's text in FILE (.txt, .html, .pdf) or stdin ('-'); ``ValueError`` with a clear message when
    it cannot be read (``jpstudy.adtext``)."""
    from jpstudy.adtext import AdTextError, read_ad_file, text_from_bytes

    if name == "-":
        from jpstudy.adtext import MAX_INPUT_BYTES

        return text_from_bytes(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "-").text
    try:
        return read_ad_file(Path(name)).text
    except AdTextError as exc:
        raise ValueError(str(exc)) from exc


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_table(result: object, limit: int = 0, parts: bool = False) -> str:
    """The words of the ad as an aligned text table (with ``parts``, then the parts of compounds and
    composed compounds, marked "(part)"), the names and the readiness line; for a text without words,
    only that line says so."""
    cands = list(result.candidates if parts else result.words)  # type: ignore[attr-defined]
    if limit > 0:
        cands = cands[:limit]
    lines: list[str] = []
    if cands:
        rows = [("word", "reading", "JLPT", "n", "status", "meaning")]
        for c in cands:
            meaning = c.meaning
            if len(meaning) > TABLE_MEANING_WIDTH:
                meaning = meaning[: TABLE_MEANING_WIDTH - 1] + "…"
            word = c.word + (" *" if c.glossary_note else "") + (" (part)" if c.part_of else "")
            rows.append((word, c.reading, c.jlpt or "-", str(c.count), c.status, meaning))
        widths = [max(_width(r[i]) for r in rows) for i in range(5)]
        lines += ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(r[:5])) + "  " + r[5] for r in rows]
        lines.append("")
    names = result.names  # type: ignore[attr-defined]
    if names:
        lines.append("names (not offered as cards): " + "、".join(n.word for n in names))
        lines.append("")
    if any(c.glossary_note for c in cands):
        lines.append("* job-glossary note available (see --json)")
    if not parts and len(result.candidates) > len(cands) and not limit:  # type: ignore[attr-defined]
        lines.append("parts of compounds are not listed (--parts lists them)")
    lines.append(result.coverage.summary())  # type: ignore[attr-defined]
    return "\n".join(lines)


def format_facts(facts: AdFacts, fit: Fit | None = None) -> str:
    """What the ad states, one fact a line, then its checks and the not-legal-advice note."""
    from jpstudy.adfacts import FIELDS, NOT_LEGAL_ADVICE

    stated = dict(facts.stated())
    lines = ["what the ad says:"]
    lines += [f"  {title}: {stated[name].english}" for name, title in FIELDS if name in stated] or ["  (nothing found)"]
    lines.append(f"  not stated: {', '.join(t.lower() for n, t in FIELDS if n not in stated) or '-'}")
    if fit is not None:
        lines.append(fit.sentence())
    if facts.checks:
        lines.append("")
        lines.append("checks (information, not legal advice):")
        lines += [f"  ! {c.message}\n    source: {c.source}" for c in facts.checks]
        lines.append(NOT_LEGAL_ADVICE)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from jpstudy.dictionary import Dictionary, DictionaryDataError, terminal_progress
    from jpstudy.mining import add_candidates, miner_for
    from jpstudy.paths import collection_path

    try:
        text = read_input(args.file)
    except ValueError as exc:
        print(f"jpstudy mine: {exc}", file=sys.stderr)
        return 2
    try:
        progress = terminal_progress if sys.stderr.isatty() else None
        dictionary = Dictionary.open(args.data_dir, progress=progress)
    except DictionaryDataError as exc:
        print(f"jpstudy mine: {exc}", file=sys.stderr)
        return 2
    col_path = collection_path(args.data_dir)
    col = None
    if col_path.exists() or args.add or args.save:
        from jpstudy.collection import Collection

        col = Collection.open(col_path)
    try:
        from jpstudy.adfacts import extract_facts, fit_of

        miner = miner_for(dictionary, prime=False)  # one ad per process: load only the words it needs
        result = miner.mine(text, status_of=col.word_status if col is not None else None)
        facts = extract_facts(result.text)
        fit = None
        if col is not None:
            from jpstudy.stats import level_progress

            levels = level_progress(col)
            fit = fit_of(facts, result.coverage.known_share, levels)
        if args.add:
            wanted = set(args.add)
            chosen = [c for c in result.candidates if c.word in wanted or c.reading in wanted]
            missing = wanted - {c.word for c in chosen} - {c.reading for c in chosen}
            added = add_candidates(col, chosen, source=args.title, text=result.text)
            print(f"added {len(added)} card(s) to the Mined deck"
                  + (f"; already there: {len(chosen) - len(added)}" if len(chosen) > len(added) else ""),
                  file=sys.stderr)
            if missing:
                print("not found in this ad: " + " ".join(sorted(missing)), file=sys.stderr)
        if args.save:
            from jpstudy.ads import AdLibrary

            try:
                ad = AdLibrary(col).save(text, result, title=args.title or None,
                                         source="" if args.file == "-" else Path(args.file).name, facts=facts,
                                         reached=fit.reached if fit else None)
            except ValueError as exc:
                print(f"jpstudy mine: {exc}", file=sys.stderr)
                return 2
            print(f"saved as ad {ad.id}: {ad.title} — {ad.summary().readiness_line()}", file=sys.stderr)
        if args.json:
            out = result.to_json()
            out["facts"] = facts.to_json()
            if fit is not None:
                out["fit"] = fit.to_json()
            json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif not args.add:
            print(format_table(result, args.limit, args.parts))
            if result.coverage.word_tokens:  # a text without Japanese words states nothing either
                print()
                print(format_facts(facts, fit))
            if result.message and result.message != result.coverage.summary():
                print(result.message, file=sys.stderr)
    finally:
        if col is not None:
            col.close()
        dictionary.close()
    return 0
