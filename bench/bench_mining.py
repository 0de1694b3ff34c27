"""Benchmark of the job-ad miner (issue 4).

    python bench/bench_mining.py [--data-dir DIR]

Prints, from one run:
  * a 3,000-character ad mined warm (dictionary open, miner made, one other ad mined before): the
    median over repeated runs, and the first run of that ad (its words not yet in the lookup caches).
    Target: ≤ 50 ms.
  * 1 MB (UTF-8) of text: the time fugashi alone needs to tokenise it and read every token's features,
    the time the whole miner needs (with fresh lookup caches), and their ratio. Target: ≤ 2×.

Text: the repository's own test ads (tests/fixtures/jobads) and the Tatoeba example sentences bundled
with the JLPT decks, shuffled with a fixed seed and repeated to 1 MB.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import fugashi

from jpstudy.decks import load_jlpt_words
from jpstudy.dictionary import Dictionary
from jpstudy.mining.compounds import FormIndex
from jpstudy.mining.glossary import bundled
from jpstudy.mining.lexicon import CachedLexicon
from jpstudy.mining.miner import Miner
from jpstudy.mining.session import as_lexicon

ROOT = Path(__file__).resolve().parent.parent
ADS = ROOT / "tests" / "fixtures" / "jobads"
AD_CHARS = 3_000
BIG_BYTES = 1_000_000
REPEATS = 15


def ad_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ADS.glob("*.txt"))]


def example_sentences() -> list[str]:
    return [w.example for level in ("N5", "N4", "N3", "N2", "N1") for w in load_jlpt_words(level) if w.example]


def ad_of_length(texts: list[str], chars: int) -> str:
    """Ads and then example sentences joined, cut to ``chars`` characters at a line end."""
    out = ""
    lines = [line for t in texts for line in t.splitlines()]
    for line in lines:
        if len(out) + len(line) + 1 > chars:
            break
        out += line + "\n"
    return out


def big_text(pieces: list[str], size: int) -> str:
    rng = random.Random(4)
    out: list[str] = []
    total = 0
    while total < size:
        batch = pieces[:]
        rng.shuffle(batch)
        for p in batch:
            out.append(p)
            total += len(p.encode("utf-8")) + 1
            if total >= size:
                break
    return "\n".join(out)


def fugashi_alone(text: str) -> float:
    """Seconds fugashi needs to tokenise ``text`` line by line and read every token's features."""
    tagger = fugashi.Tagger()
    t0 = time.perf_counter()
    for line in text.splitlines():
        for node in tagger(line):
            _ = (node.surface, tuple(node.feature))
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", help="data folder holding (or to hold) the built dictionary")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        dictionary = Dictionary.open(args.data_dir or tmp)
        t1 = time.perf_counter()
        lexicon = as_lexicon(dictionary)
        forms = FormIndex(lexicon.all_forms())
        glossary = bundled()
        t2 = time.perf_counter()
        print(f"dictionary open/build {t1 - t0:.2f} s; form index + glossary {t2 - t1:.2f} s")

        ads = ad_texts()
        sentences = example_sentences()
        miner = Miner(CachedLexicon(lexicon), forms, glossary)
        miner.mine(ads[0])  # warm-up on another ad
        ad = ad_of_length(ads[1:] + ["\n".join(sentences[:400])], AD_CHARS)
        t = time.perf_counter()
        result = miner.mine(ad)
        first_ms = (time.perf_counter() - t) * 1000
        runs = []
        for _ in range(REPEATS):
            t = time.perf_counter()
            miner.mine(ad)
            runs.append((time.perf_counter() - t) * 1000)
        median_ms = statistics.median(runs)
        print(f"ad of {len(ad)} chars, {len(result.candidates)} candidates: first run {first_ms:.1f} ms, "
              f"warm median {median_ms:.1f} ms (target <= 50 ms) -> {'OK' if median_ms <= 50 else 'SLOW'}")

        text = big_text(ads + sentences, BIG_BYTES)
        size = len(text.encode("utf-8"))
        base = fugashi_alone(text)
        fresh = Miner(CachedLexicon(lexicon), forms, glossary)
        t = time.perf_counter()
        big = fresh.mine(text)
        mined = time.perf_counter() - t
        ratio = mined / base
        print(f"{size / 1e6:.2f} MB ({len(text)} chars): fugashi alone {base:.2f} s, miner {mined:.2f} s "
              f"({len(big.candidates)} candidates), ratio {ratio:.2f}x (target <= 2x) -> "
              f"{'OK' if ratio <= 2 else 'SLOW'}")
        dictionary.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
