"""Read JMdict into plain Python records, from jamdict-data's ``jamdict.db`` or a JMdict XML file.

Terms:
    keb / reb: a written (kanji) form / a kana form of an entry, in the entry's order.
    pri: JMdict priority tags of a form (news1, ichi1, spec1, gai1, their *2 variants, nf01–nf48).
    info: ke_inf / re_inf codes of a form (ateji, iK, oK, ik, ok, gikun, io …).
    restr: re_restr — the kebs a reb is valid for (empty: all of them).
    gloss limit: only the first ``GLOSS_LIMIT`` English glosses of a sense are kept (a flashcard extract).
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dictdata_codes import FORM_INFO_CODES, MISC_CODES, POS_CODES, code_for

GLOSS_LIMIT = 3
HEADER_ENTRY = 9999999  # jamdict.db's pseudo-entry holding the JMdict creation date


@dataclass(frozen=True)
class Form:
    text: str
    is_kana: bool
    pri: tuple[str, ...]
    info: tuple[str, ...]
    restr: tuple[str, ...]
    nokanji: bool


@dataclass(frozen=True)
class SenseRecord:
    pos: tuple[str, ...]
    misc: tuple[str, ...]
    stagk: tuple[str, ...]
    stagr: tuple[str, ...]
    glosses: tuple[str, ...]


@dataclass(frozen=True)
class JmEntry:
    entry_id: int
    kebs: tuple[Form, ...]
    rebs: tuple[Form, ...]
    senses: tuple[SenseRecord, ...]


@dataclass(frozen=True)
class JmDict:
    entries: tuple[JmEntry, ...]
    created: str  # JMdict creation date, YYYY-MM-DD
    source: str


def _grouped(con: sqlite3.Connection, sql: str) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for key, text in con.execute(sql):
        groups[key].append(text)
    return groups


def read_jamdict_db(path: Path) -> JmDict:
    """All JMdict entries of jamdict-data's SQLite file (descriptions mapped back to codes)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    kji = _grouped(con, "SELECT kid, text FROM KJI ORDER BY rowid")
    kjp = _grouped(con, "SELECT kid, text FROM KJP ORDER BY rowid")
    kni = _grouped(con, "SELECT kid, text FROM KNI ORDER BY rowid")
    knp = _grouped(con, "SELECT kid, text FROM KNP ORDER BY rowid")
    knr = _grouped(con, "SELECT kid, text FROM KNR ORDER BY rowid")
    pos = _grouped(con, "SELECT sid, text FROM pos ORDER BY rowid")
    misc = _grouped(con, "SELECT sid, text FROM misc ORDER BY rowid")
    stagk = _grouped(con, "SELECT sid, text FROM stagk ORDER BY rowid")
    stagr = _grouped(con, "SELECT sid, text FROM stagr ORDER BY rowid")
    gloss = _grouped(con, "SELECT sid, text FROM SenseGloss WHERE lang = 'eng' ORDER BY rowid")

    kebs: dict[int, list[Form]] = defaultdict(list)
    for kid, idseq, text in con.execute("SELECT ID, idseq, text FROM Kanji ORDER BY ID"):
        info = tuple(code_for(FORM_INFO_CODES, t) for t in kji.get(kid, ()))
        kebs[idseq].append(Form(text, False, tuple(kjp.get(kid, ())), info, (), False))
    rebs: dict[int, list[Form]] = defaultdict(list)
    for kid, idseq, text, nokanji in con.execute("SELECT ID, idseq, text, nokanji FROM Kana ORDER BY ID"):
        info = tuple(code_for(FORM_INFO_CODES, t) for t in kni.get(kid, ()))
        rebs[idseq].append(Form(text, True, tuple(knp.get(kid, ())), info, tuple(knr.get(kid, ())), bool(nokanji)))
    senses: dict[int, list[SenseRecord]] = defaultdict(list)
    created = ""
    for sid, idseq in con.execute("SELECT ID, idseq FROM Sense ORDER BY ID"):
        if idseq == HEADER_ENTRY:
            match = re.search(r"\d{4}-\d{2}-\d{2}", " ".join(gloss.get(sid, ())))
            created = match.group(0) if match else ""
            continue
        earlier = senses[idseq]
        sense_pos = tuple(dict.fromkeys(code_for(POS_CODES, t) for t in pos.get(sid, ())))
        earlier.append(
            SenseRecord(
                # JMdict: a sense without pos takes the pos of the sense before it.
                pos=sense_pos or (earlier[-1].pos if earlier else ()),
                misc=tuple(dict.fromkeys(code_for(MISC_CODES, t) for t in misc.get(sid, ()))),
                stagk=tuple(stagk.get(sid, ())),
                stagr=tuple(stagr.get(sid, ())),
                glosses=tuple(gloss.get(sid, ()))[:GLOSS_LIMIT],
            )
        )
    ids = [row[0] for row in con.execute("SELECT idseq FROM Entry WHERE idseq != ? ORDER BY idseq", (HEADER_ENTRY,))]
    con.close()
    entries = tuple(JmEntry(i, tuple(kebs.get(i, ())), tuple(rebs.get(i, ())), tuple(senses.get(i, ()))) for i in ids)
    return JmDict(entries, created, f"jamdict-data ({path.name}), JMdict {created}")


_ENTITY = re.compile(r"&([A-Za-z][\w-]*);")
_XML_BUILTIN = {"amp", "lt", "gt", "quot", "apos"}


def _xml_lines(path: Path) -> Iterator[bytes]:
    """The XML text with JMdict's custom entities replaced by their names (``&v5r;`` → ``v5r``),
    so codes come straight from the file, and with the DTD (which declares them) dropped."""
    opener = gzip.open if path.suffix == ".gz" else open
    in_dtd = False
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("<!DOCTYPE"):
                in_dtd = True
            if in_dtd:
                in_dtd = not line.startswith("]>")
                continue
            yield _ENTITY.sub(lambda m: m.group(0) if m.group(1) in _XML_BUILTIN else m.group(1), line).encode("utf-8")


def read_jmdict_xml(path: Path) -> JmDict:
    """All entries of a JMdict XML file (``JMdict_e`` or ``JMdict``, optionally gzipped)."""
    created = ""
    parser = ET.XMLPullParser(events=("end", "comment"))
    entries: list[JmEntry] = []
    for chunk in _xml_lines(path):
        parser.feed(chunk)
        for event, elem in parser.read_events():
            if event == "comment":
                match = re.search(r"JMdict created: (\d{4}-\d{2}-\d{2})", elem.text or "")
                created = match.group(1) if match else created
            elif elem.tag == "entry":
                entries.append(_xml_entry(elem))
                elem.clear()
    return JmDict(tuple(entries), created, f"{path.name}, JMdict {created}")


def _texts(elem: ET.Element, tag: str) -> tuple[str, ...]:
    return tuple(child.text or "" for child in elem.findall(tag))


def _xml_entry(elem: ET.Element) -> JmEntry:
    kebs = tuple(
        Form(k.findtext("keb", ""), False, _texts(k, "ke_pri"), _texts(k, "ke_inf"), (), False)
        for k in elem.findall("k_ele")
    )
    rebs = tuple(
        Form(
            r.findtext("reb", ""),
            True,
            _texts(r, "re_pri"),
            _texts(r, "re_inf"),
            _texts(r, "re_restr"),
            r.find("re_nokanji") is not None,
        )
        for r in elem.findall("r_ele")
    )
    senses: list[SenseRecord] = []
    for s in elem.findall("sense"):
        # JMdict: a sense without pos takes the pos of the sense before it.
        pos = _texts(s, "pos") or (senses[-1].pos if senses else ())
        glosses = tuple(
            g.text or ""
            for g in s.findall("gloss")
            if g.get("{http://www.w3.org/XML/1998/namespace}lang", "eng") == "eng"
        )
        if glosses:
            senses.append(
                SenseRecord(pos, _texts(s, "misc"), _texts(s, "stagk"), _texts(s, "stagr"), glosses[:GLOSS_LIMIT])
            )
    return JmEntry(int(elem.findtext("ent_seq", "0")), kebs, rebs, tuple(senses))
