"""``jpstudy anki status | push [--deck NAME] | pull``: a running Anki through AnkiConnect.

``status`` shows AnkiConnect's version or what to do; ``push`` sends the collection's notes (or one
deck's) to Anki, never twice; ``pull`` reads the words of Anki's Japanese cards for word status.
``--url`` and ``--key`` override (and with ``--save``, store) the address and API key of Settings.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from jpstudy.ankiconnect import AnkiConnectError, outgoing_for_notes, pull_words, push_words
from jpstudy.ankiconnect import settings as connect_settings
from jpstudy.cli.common import with_collection
from jpstudy.collection import Collection


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``anki``."""
    p = sub.add_parser(
        "anki", help="a running Anki (AnkiConnect): status, push notes, pull known words",
        description="Talk to Anki running on this computer through the AnkiConnect add-on (code 2055492159).",
    )
    p.add_argument("--url", help="AnkiConnect's address (default: Settings, else http://127.0.0.1:8765)")
    p.add_argument("--key", help="AnkiConnect's API key, if one is set in Anki")
    p.add_argument("--save", action="store_true", help="remember --url and --key for the app and later commands")
    actions = p.add_subparsers(dest="anki_command", metavar="ACTION", required=True)
    actions.add_parser("status", help="show whether AnkiConnect answers, and its version")
    push = actions.add_parser("push", help="send notes to Anki (words already there are reported, not added)")
    push.add_argument("--deck", metavar="NAME", help="send only this deck and its subdecks")
    actions.add_parser("pull", help="read the words of Anki's Japanese cards for word status")
    p.set_defaults(run=run)


def _run(col: Collection, args: argparse.Namespace) -> int:
    stored = connect_settings.load(col)
    chosen = dataclasses.replace(stored, url=args.url or stored.url,
                                 key=stored.key if args.key is None else args.key)
    try:
        client = chosen.client()
        if args.save:
            connect_settings.save(col, chosen)
        version = client.version()
        if args.anki_command == "status":
            print(f"AnkiConnect {version} is answering at {client.url}")
        elif args.anki_command == "push":
            deck = _deck(col, args.deck)
            ids = col.note_ids(deck)
            result = push_words(client, outgoing_for_notes(col, ids))
            print(f"added {result.added} note(s) to Anki"
                  + (f" in {', '.join(sorted(result.decks))}" if result.decks else ""))
            if result.created_note_types:
                print(f"created note type(s) {', '.join(result.created_note_types)}")
            if result.already:
                shown = ", ".join(result.already[:20]) + (" …" if len(result.already) > 20 else "")
                print(f"already in Anki ({len(result.already)}): {shown}")
        else:
            result = pull_words(client, col, _dictionary(args.data_dir))
            print(f"read {result.cards} card(s) of {result.notes} note(s) from Anki: {result.words} words, "
                  f"{result.known} known, {result.learning} learning")
    except (AnkiConnectError, LookupError) as exc:
        print(f"jpstudy anki: {exc}", file=sys.stderr)
        return 1
    return 0


def _deck(col: Collection, name: str | None) -> str | None:
    if name is None:
        return None
    found = next((d.name for d in col.decks() if d.name.lower() == name.strip().lower()), None)
    if found is None:
        raise LookupError(f"there is no deck named {name!r}; decks: {', '.join(d.name for d in col.decks()) or 'none'}")
    return found


def _dictionary(data_dir: str | None) -> object | None:
    from jpstudy.dictionary import Dictionary, DictionaryDataError

    try:
        return Dictionary.open(data_dir)
    except DictionaryDataError:
        return None


run = with_collection(_run)
