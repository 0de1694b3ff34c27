"""Benchmark of reading an ad's facts (issue 13), as a share of mining the same ad.

    python bench/bench_adfacts.py [--data-dir DIR]

Prints, from one run: the facts and checks of a 3,000-character ad (``jpstudy.adfacts.extract_facts``
on the miner's normalised text), the median over 15 different ads, next to mining the same ads with a
warm miner in the same round (the anchor), best of 3 rounds. Target: ≤ 10 ms for the facts (the time
they add on top of mining).

Ads: the lines of the repository's test ads (tests/fixtures/jobads) and example sentences dealt into 15
ads of about 3,000 characters, each line in one ad only, as bench_mining makes them; each round mines
them with a new miner (warmed on another ad), so its line cache does not help.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_mining import ad_texts, example_sentences, unseen_ads
from common import Result, data_dir_main

from jpstudy.adfacts import extract_facts
from jpstudy.dictionary import Dictionary
from jpstudy.mining.compounds import FormIndex
from jpstudy.mining.glossary import bundled
from jpstudy.mining.lexicon import CachedLexicon
from jpstudy.mining.miner import Miner
from jpstudy.mining.session import as_lexicon

REPEATS = 15
ROUNDS = 3
cpu = time.process_time
"""CPU time of this process (single-threaded work; not inflated by other jobs on a shared machine)."""


def run(data_dir: str | None = None) -> list[Result]:
    """The figures (see the module docstring); ``data_dir`` may hold an already built dictionary."""
    with tempfile.TemporaryDirectory() as tmp:
        dictionary = Dictionary.open(data_dir or tmp)
        texts = ad_texts()
        ads = unseen_ads(texts[1:], example_sentences(), REPEATS)
        forms = FormIndex(as_lexicon(dictionary).all_forms())
        glossary = bundled()
        extract_facts(texts[0])  # patterns and tables loaded
        facts_ms, mine_ms, checks = [], [], 0
        for _ in range(ROUNDS):  # each round a new miner, warmed on another ad: the ads' lines are new to it
            miner = Miner(CachedLexicon(as_lexicon(dictionary), forms), forms, glossary)
            miner.mine(texts[0])
            facts_round, mine_round = [], []
            for ad in ads:
                start = cpu()
                result = miner.mine(ad)
                mine_round.append((cpu() - start) * 1000)
                start = cpu()
                facts = extract_facts(result.text)
                facts_round.append((cpu() - start) * 1000)
                checks += len(facts.checks)
            facts_ms.append(statistics.median(facts_round))
            mine_ms.append(statistics.median(mine_round))
        best = min(range(ROUNDS), key=facts_ms.__getitem__)
        stated = len(facts.stated())
        chars = len(result.text)
        dictionary.close()
    return [
        Result(f"facts of a {chars:,}-character ad", facts_ms[best], "mining the same ads, warm", mine_ms[best],
               "ms", value_limit=10.0,
               note=f"median over {REPEATS} different ads, best of {ROUNDS} rounds (facts medians "
                    f"{', '.join(f'{m:.2f}' for m in facts_ms)} ms; mining "
                    f"{', '.join(f'{m:.1f}' for m in mine_ms)} ms); {stated} facts stated in the last, "
                    f"{checks} checks in all"),
    ]


if __name__ == "__main__":
    sys.exit(data_dir_main(run, __doc__, ratio_digits=3))
