"""Read the ad for me (issue 13): the facts of a job ad in plain English, checked against the rules.

    from jpstudy.adfacts import extract_facts, NOT_LEGAL_ADVICE
    facts = extract_facts(result.text)        # the miner's normalised text: spans index the ad as shown
    facts.pay.value                           # {"period": "month", "min": 230000, "max": None, "top_only": False}
    facts.pay.english                         # "From ¥230,000 a month (no top stated)"
    facts.pay.start, facts.pay.end            # the span of the ad it was read from
    facts.japanese_level.value                # "N2", "not_required", or None: not stated
    [c.rule for c in facts.checks]            # ["fixed_overtime_hours", "weekly_two_days_not_every_week"]
    facts.to_json()                           # the "facts" object of `jpstudy mine --json`
    fit_of(facts, result.coverage.known_share, level_progress(col)).sentence()
        # "This ad asks for JLPT N2. You know 64 % of the N2 words and 81 % of this ad's words."

Facts the ad does not state are not stated (value None), never guessed. The words that name facts are in
``resources/adfacts/terms.tsv``; the checks are the rows of ``resources/adfacts/rules.tsv``, each with its
source. Checks are information, not legal advice.

Modules: ``models`` (records), ``scan`` (folded text, lines, sections), ``numbers`` (yen, counts, times),
``terms`` (the terms table), ``pay``, ``hours``, ``days_off``, ``benefits``, ``requirements``, ``contact``
(the extractors), ``checks`` (the rules), ``extract`` (all of them), ``fit`` (the user's fit for the ad),
``summary`` (the short facts a list of ads shows).
"""

from jpstudy.adfacts.checks import Rule, load_rules, run_checks
from jpstudy.adfacts.extract import extract_facts
from jpstudy.adfacts.fit import Fit, fit_of, level_reached
from jpstudy.adfacts.models import FIELD_NAMES, FIELDS, NOT_LEGAL_ADVICE, NOT_STATED, AdFacts, Check, Fact
from jpstudy.adfacts.summary import FACTS_VERSION, FactsSummary, summarise

__all__ = [
    "FACTS_VERSION", "FIELDS", "FIELD_NAMES", "NOT_LEGAL_ADVICE", "NOT_STATED", "AdFacts", "Check", "Fact",
    "FactsSummary", "Fit", "Rule", "extract_facts", "fit_of", "level_reached", "load_rules", "run_checks",
    "summarise",
]
