"""``jpstudy ads``: the saved job ads, their readiness then and now, and the job-market word list.

    jpstudy ads list [--job-type T] [--tag T]     the saved ads, newest first
    jpstudy ads show ID [--level N3] [--text]     readiness, words beyond the level, glossary terms
    jpstudy ads words [--top 20] [--add]          words across the ads; --add: cards of the new ones
    jpstudy ads edit ID [--title T] [--job-type T] [--tags a,b] [--source S]
    jpstudy ads delete ID                         deletes the ad and its text
    jpstudy ads export FILE [--format csv|json] [--text]

Ads are saved by ``jpstudy mine --save FILE`` and by the app.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jpstudy.ads import AdLibrary, AdSpan, export_ads
from jpstudy.ads.export import FORMATS
from jpstudy.cli.common import with_collection
from jpstudy.collection import Collection
from jpstudy.decks import LEVELS

MEANING_WIDTH = 48
STATUS_COLOURS = {"known": "32", "learning": "33", "unseen": "31", "new": "31", "ignored": "90"}
"""ANSI colours of word statuses when the text of an ad is shown on a terminal."""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``ads`` and its actions."""
    p = sub.add_parser("ads", help="saved job ads: readiness then and now, the job-market word list",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run, job_type=None, tag=None)
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    def filters(q: argparse.ArgumentParser) -> None:
        q.add_argument("--job-type", help="only ads of this job type (e.g. 介護, IT)")
        q.add_argument("--tag", help="only ads with this tag")

    filters(actions.add_parser("list", help="the saved ads, newest first, with readiness then → now"))
    q = actions.add_parser("show", help="one saved ad")
    q.add_argument("id", type=int)
    q.add_argument("--level", default="N3", type=str.upper, choices=LEVELS,
                   help="your target JLPT level; words beyond it are listed (default N3)")
    q.add_argument("--text", action="store_true", help="print the ad's text, words coloured by status")
    q = actions.add_parser("words", help="words across the saved ads, most used first")
    q.add_argument("--top", type=_count, default=20, help="how many words (default 20)")
    q.add_argument("--add", action="store_true", help="add the TOP most used new words as cards (deck Mined)")
    filters(q)
    q = actions.add_parser("edit", help="change an ad's title, source, job type or tags")
    q.add_argument("id", type=int)
    q.add_argument("--title")
    q.add_argument("--source")
    q.add_argument("--job-type")
    q.add_argument("--tags", help="comma-separated tags (replace the ad's tags; '' clears them)")
    q = actions.add_parser("delete", help="delete a saved ad and its text")
    q.add_argument("id", type=int)
    q = actions.add_parser("export", help="write the list of saved ads as CSV or JSON")
    q.add_argument("file", type=Path)
    q.add_argument("--format", choices=FORMATS, help="default: from the file name's suffix")
    q.add_argument("--text", action="store_true", help="include each ad's text")
    filters(q)


def _short(meaning: str) -> str:
    """A meaning's first sense, cut to ``MEANING_WIDTH`` characters, for one table line."""
    first = meaning.split(" | ")[0]
    return first if len(first) <= MEANING_WIDTH else first[: MEANING_WIDTH - 1] + "…"


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def _list(lib: AdLibrary, args: argparse.Namespace) -> int:
    ads = lib.list(job_type=args.job_type, tag=args.tag)
    if not ads:
        print("no saved ads yet: `jpstudy mine --save FILE` mines an ad and keeps it")
        return 0
    print(f"{'id':>5}  {'saved':<10}  {'then':>4} → {'now':>4}  {'words':>5}  {'job type':<8}  title")
    for ad in ads:
        then, now = ad.readiness_then.share, ad.readiness_now.share
        print(f"{ad.id:>5}  {ad.saved_at:%Y-%m-%d}  {then:>4.0%} → {now:>4.0%}  {ad.word_count:>5}  "
              f"{ad.job_type or '-':<8}  {ad.title}")
    return 0


def _show(lib: AdLibrary, args: argparse.Namespace) -> int:
    ad = lib.get(args.id)
    print(ad.title)
    print(f"saved {ad.saved_at:%Y-%m-%d %H:%M} UTC" + (f" from {ad.source}" if ad.source else "")
          + (f"; job type {ad.job_type}" if ad.job_type else "")
          + (f"; tags {' '.join(ad.tags)}" if ad.tags else ""))
    print(ad.summary().readiness_line())
    beyond = lib.words_beyond(ad.id, args.level)
    print(f"\n{len(beyond)} words beyond {args.level} not known yet:")
    for w in beyond:
        print(f"  {w.word}【{w.reading}】 {w.jlpt or '-':<3} {w.status:<8} {_short(w.meaning)}")
    terms = lib.glossary_terms(ad.id)
    if terms:
        print("\njob terms to understand before applying:")
        for w in terms:
            print(f"  {w.word}【{w.reading}】 {w.meaning}")
            if w.glossary_note:
                print(f"      {w.glossary_note}")
    if args.text:
        print("\n" + (_coloured(ad.text, ad.spans) if sys.stdout.isatty() else ad.text))
    return 0


def _coloured(text: str, spans: tuple[AdSpan, ...]) -> str:
    """The text with each word span in its status colour (ANSI)."""
    out, at = [], 0
    for s in spans:
        if s.start < at:
            continue
        out += [text[at:s.start], f"\x1b[{STATUS_COLOURS.get(s.status, '0')}m{text[s.start:s.end]}\x1b[0m"]
        at = s.end
    return "".join([*out, text[at:]])


def _words(lib: AdLibrary, args: argparse.Namespace) -> int:
    if args.add:
        added = lib.add_top_unknown(args.top, job_type=args.job_type, tag=args.tag)
        for w in added:
            print(f"added {w.word}【{w.reading}】 {_short(w.meaning)}  (in {w.ads} ads)")
        print(f"{len(added)} cards added to the Mined deck" if added else "no new words left to add")
        return 0
    words = lib.word_list(top=args.top, job_type=args.job_type, tag=args.tag)
    if not words:
        print("no saved ads yet: `jpstudy mine --save FILE` mines an ad and keeps it")
        return 0
    print(f"{'ads':>4} {'count':>5}  {'status':<8} {'JLPT':<4}  word【reading】 meaning")
    for w in words:
        print(f"{w.ads:>4} {w.count:>5}  {w.status:<8} {w.jlpt or '-':<4}  {w.word}【{w.reading}】 {_short(w.meaning)}")
    return 0


def _edit(lib: AdLibrary, args: argparse.Namespace) -> int:
    tags = None if args.tags is None else [t for t in args.tags.split(",") if t.strip()]
    ad = lib.update(args.id, title=args.title, source=args.source, job_type=args.job_type, tags=tags)
    print(f"{ad.id}: {ad.title} ({ad.job_type or 'no job type'}; tags: {' '.join(ad.tags) or 'none'})")
    return 0


def _delete(lib: AdLibrary, args: argparse.Namespace) -> int:
    if not lib.delete(args.id):
        print(f"jpstudy: no saved ad {args.id} (see `jpstudy ads list`)", file=sys.stderr)
        return 1
    print(f"deleted ad {args.id} and its text")
    return 0


def _export(lib: AdLibrary, args: argparse.Namespace) -> int:
    try:
        n = export_ads(lib, args.file, args.format, args.text, args.job_type, args.tag)
    except OSError as exc:
        print(f"jpstudy: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{n} ads written to {args.file}")
    return 0


def _ads(col: Collection, args: argparse.Namespace) -> int:
    action = {"list": _list, "show": _show, "words": _words, "edit": _edit, "delete": _delete,
              "export": _export}
    try:
        return action[args.action or "list"](AdLibrary(col), args)
    except KeyError as exc:
        print(f"jpstudy: {exc.args[0]} (see `jpstudy ads list`)", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"jpstudy: {exc}", file=sys.stderr)
        return 2


run = with_collection(_ads)
