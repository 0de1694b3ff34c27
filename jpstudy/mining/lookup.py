"""Token → JMdict entry, and the headword and reading a learner studies (dictionary spec §2).

Terms:
    resolved word: a chosen entry with the headword and reading to show. The headword is the token's
        dictionary form (orthBase) when that is a form of the chosen entry; otherwise the entry's first
        written form, or its first kana form when sense 1 is usually written in kana. The reading is the
        first kana form valid for that headword: it comes from the dictionary, never from unidic
        (unidic reads 日本 ニッポン; JMdict's first reading is にほん). unidic's reading only helps choose
        between entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from jpstudy.mining.lexicon import TEXT, Hit, LexEntry, Lexicon, hira, is_kana
from jpstudy.mining.senses import POS
from jpstudy.mining.tokenize import Token


@dataclass(frozen=True, slots=True)
class Resolved:
    """A dictionary entry chosen for a token or a compound, with the headword and reading to study."""

    entry: LexEntry
    word: str
    reading: str


def choose(hits: tuple[Hit, ...], kana: str, suffix: bool = False) -> Hit | None:
    """The best hit: those whose kana forms include ``kana`` (if any do; else ``kana`` with its first
    kana unvoiced, as in a compound: び → ひ), then, for a token the
    tokenizer takes as a suffix, those with a suffix sense (さん in 患者さん: "Mr.; Ms.", not 三
    "three"), then lowest rank, then id."""
    if not hits:
        return None
    if kana:
        agreeing = tuple(h for h in hits if h.entry.has_reading(kana))
        if not agreeing and kana[0] in _UNVOICED:  # 勤務日 び: the word 日 ひ, voiced in the compound
            plain = _UNVOICED[kana[0]] + kana[1:]
            agreeing = tuple(h for h in hits if h.entry.has_reading(plain))
        hits = agreeing or hits
    if suffix:
        hits = tuple(h for h in hits if _has_suffix_sense(h.entry)) or hits
    return min(hits, key=lambda h: (h.rank, h.entry.entry_id))


_UNVOICED = dict(zip("がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ",
                     "かきくけこさしすせそたちつてとはひふへほはひふへほ", strict=True))
"""First kana voiced in a compound (rendaku) → its plain form."""


def _has_suffix_sense(entry: LexEntry) -> bool:
    return any(code in ("suf", "n-suf") for s in entry.senses for code in s[POS].split())


def present(entry: LexEntry, preferred: str) -> Resolved:
    """The headword and reading of ``entry`` as a learner studies it (see the module docstring)."""
    if preferred in entry.kanji or any(k[TEXT] == preferred for k in entry.kana):
        word = preferred
    elif entry.kanji and not entry.usually_kana:
        word = entry.kanji[0]
    else:
        word = entry.kana[0][TEXT] if entry.kana else preferred
    readings = entry.readings_for(word)
    return Resolved(entry, word, readings[0] if readings else word)


def resolve_token(lex: Lexicon, tok: Token) -> Resolved | None:
    """The entry for one token: orthBase∩lemma, orthBase, lemma, surface, reading; reading filter; rank.
    When no entry of orthBase has unidic's reading but one of the lemma has the lemma's reading, the
    lemma's entry is taken (potential forms: 弾ける → 弾く ひく, not 弾ける はじける). A token written
    with kanji is never looked up by its reading alone: that finds another word (全車 → 前者)."""
    ob, lm, sf = tok.orth_base, tok.lemma, tok.surface
    kana = hira(tok.kana_base)
    a = lex.lookup(ob)
    b = lex.lookup(lm) if lm != ob else a
    hits: tuple[Hit, ...] = ()
    if a and b and b is not a:
        b_ids = {h.entry.entry_id for h in b}
        hits = tuple(h for h in a if h.entry.entry_id in b_ids)
    if not hits and a and b is not a and kana and not any(h.entry.has_reading(kana) for h in a):
        # orthBase names another word (弾ける はじける for ピアノが弾ける): try the lemma with its reading
        lemma_kana = hira(tok.lemma_kana)
        if lemma_kana and any(h.entry.has_reading(lemma_kana) for h in b):
            best = choose(b, lemma_kana)
            return None if best is None else present(best.entry, lm)
    if not hits:
        hits = a or b or lex.lookup(sf) or (lex.lookup(kana) if kana and is_kana(sf) else ())
    best = choose(hits, kana, suffix=tok.pos1 == "接尾辞")
    if best is None:
        return None
    entry = best.entry
    return present(entry, ob if ob in entry.kanji or any(k[TEXT] == ob for k in entry.kana) else lm)


def resolve_form(lex: Lexicon, form: str, kana: str = "") -> Resolved | None:
    """The entry for a compound written ``form`` (kana: the parts' unidic readings joined, a hint only)."""
    best = choose(lex.lookup(form), kana)
    return None if best is None else present(best.entry, form)

