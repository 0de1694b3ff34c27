"""A loopback AnkiConnect (API v6) for the tests, backed by a real Anki collection.

Implements the actions jpstudy uses — ``version``, ``modelNames``, ``modelFieldNames``,
``createModel``, ``createDeck``, ``findNotes``, ``findCards``, ``cardsInfo``, ``notesInfo``,
``addNotes`` and ``multi`` — on an ``anki`` ``Collection``, so that a note that reaches it is a real
Anki note (real GUID, note type, deck). Answers follow AnkiConnect's: ``{"result", "error"}``; a
missing or wrong key gives AnkiConnect's "valid api key must be provided" error; ``addNotes`` gives
``null`` for a note it cannot add (a duplicate). One request at a time, on the server's thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from anki.collection import Collection as AnkiCollection


class AnkiConnectServer:
    """``url`` answers like AnkiConnect on top of ``col``; ``requests`` counts the requests served."""

    def __init__(self, col: AnkiCollection, key: str | None = None) -> None:
        self.col, self.key, self.requests = col, key, 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    server.requests += 1
                    answer = server.handle(body)
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def handle(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.key is not None and body.get("key") != self.key:
            return {"result": None, "error": "valid api key must be provided"}
        try:
            return {"result": self.run(body["action"], body.get("params", {})), "error": None}
        except Exception as exc:
            return {"result": None, "error": str(exc)}

    def run(self, action: str, params: dict[str, Any]) -> Any:
        col = self.col
        if action == "multi":
            return [self.handle({"key": self.key, **a}) for a in params["actions"]]
        if action == "version":
            return 6
        if action == "modelNames":
            return [m.name for m in col.models.all_names_and_ids()]
        if action == "modelFieldNames":
            model = col.models.by_name(params["modelName"])
            if model is None:
                raise ValueError(f"model was not found: {params['modelName']}")
            return [f["name"] for f in model["flds"]]
        if action == "createModel":
            return self._create_model(params)
        if action == "createDeck":
            return col.decks.id(params["deck"])
        if action == "deckNames":
            return col.decks.all_names()
        if action == "findNotes":
            return list(col.find_notes(params["query"]))
        if action == "findCards":
            return list(col.find_cards(params["query"]))
        if action == "cardsInfo":
            return [self._card_info(cid) for cid in params["cards"]]
        if action == "notesInfo":
            return [self._note_info(nid) for nid in params["notes"]]
        if action == "addNotes":
            return [self._add_note(n) for n in params["notes"]]
        raise ValueError("unsupported action")

    def _create_model(self, params: dict[str, Any]) -> dict[str, Any]:
        mm = self.col.models
        if mm.by_name(params["modelName"]) is not None:
            raise ValueError("Model name already exists")
        model = mm.new(params["modelName"])
        for name in params["inOrderFields"]:
            mm.add_field(model, mm.new_field(name))
        model["css"] = params.get("css", model["css"])
        for spec in params["cardTemplates"]:
            template = mm.new_template(spec["Name"])
            template["qfmt"], template["afmt"] = spec["Front"], spec["Back"]
            mm.add_template(model, template)
        mm.add(model)
        return mm.by_name(params["modelName"])

    def _card_info(self, cid: int) -> dict[str, Any]:
        card = self.col.get_card(cid)
        note = card.note()
        return {"cardId": cid, "note": note.id, "interval": card.ivl, "type": card.type, "queue": card.queue,
                "due": card.due, "modelName": note.note_type()["name"], "deckName": self.col.decks.name(card.did),
                "fields": {n: {"value": v, "order": i} for i, (n, v) in enumerate(note.items())}}

    def _note_info(self, nid: int) -> dict[str, Any]:
        note = self.col.get_note(nid)
        return {"noteId": nid, "modelName": note.note_type()["name"], "tags": note.tags,
                "fields": {n: {"value": v, "order": i} for i, (n, v) in enumerate(note.items())},
                "cards": [c.id for c in note.cards()]}

    def _add_note(self, spec: dict[str, Any]) -> int | None:
        model = self.col.models.by_name(spec["modelName"])
        deck = self.col.decks.id_for_name(spec["deckName"])
        if model is None or deck is None:
            return None
        note = self.col.new_note(model)
        for name, value in spec["fields"].items():
            note[name] = value
        note.tags = list(spec.get("tags", []))
        if not spec.get("options", {}).get("allowDuplicate") and note.fields_check() != 0:
            return None  # empty first field or a duplicate of it
        self.col.add_note(note, deck)
        return note.id


@contextmanager
def serving(col: AnkiCollection, key: str | None = None) -> Iterator[AnkiConnectServer]:
    """A running ``AnkiConnectServer``, shut down afterwards."""
    server = AnkiConnectServer(col, key)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
