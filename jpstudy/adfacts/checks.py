"""Checks of an ad's facts, driven by the rules table ``resources/adfacts/rules.tsv``.

Terms:
    rule: one row of the table: its id, the fact whose span a check shows, the conditions under which
        it applies, the message for the reader and the source it rests on. Rules live in data, not in
        code: a new rule is a new row.
    condition: ``FIELD[.KEY] OP [VALUE]``. FIELD names a fact of ``AdFacts``; KEY a key of its value
        (a dict). OP: ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (compared with VALUE), ``in`` (VALUE is a
        comma-separated list), ``has`` (the fact's value is a list holding VALUE), ``stated`` and
        ``not stated`` (whether the value is not None). VALUE is ``true``, ``false``, ``none``, a number
        or a word. A condition on a fact the ad does not state is false, except ``not stated``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jpstudy.adfacts.models import FIELD_NAMES, AdFacts, Check
from jpstudy.paths import resource_path

HEADER = ("rule", "fact", "when", "message", "source")
_CONDITION = re.compile(r"^(?P<path>[a-z_]+(?:\.[a-z_]+)?) (?P<op>not stated|stated|=|!=|<=|>=|<|>|in|"
                        r"has)(?: (?P<arg>\S+))?$")
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
_MISSING = object()


def _literal(word: str) -> object:
    """A condition's VALUE as Python: true/false/none, a number, else the word."""
    lowered = {"true": True, "false": False, "none": None}
    if word in lowered:
        return lowered[word]
    try:
        return int(word)
    except ValueError:
        try:
            return float(word)
        except ValueError:
            return word


@dataclass(frozen=True)
class Condition:
    """One condition of a rule (see the module docstring)."""

    field: str
    key: str | None
    op: str
    arg: Any

    @classmethod
    def parse(cls, text: str) -> Condition:
        """The condition written as ``text``; ``ValueError`` names what is wrong."""
        m = _CONDITION.match(text.strip())
        if m is None:
            raise ValueError(f"cannot read the condition {text!r}")
        field, _, key = m.group("path").partition(".")
        if field not in FIELD_NAMES:
            raise ValueError(f"the condition {text!r} names no fact ({field!r})")
        op, arg = m.group("op"), m.group("arg")
        if (arg is None) != (op in ("stated", "not stated")):
            raise ValueError(f"the condition {text!r} needs a value after {op!r}" if arg is None else
                             f"the condition {text!r} takes no value after {op!r}")
        value: Any = tuple(_literal(w) for w in arg.split(",")) if op == "in" else (
            None if arg is None else _literal(arg))
        return cls(field, key or None, op, value)

    def holds(self, facts: AdFacts) -> bool:
        """Whether the condition holds for ``facts``."""
        fact = facts.fact(self.field)
        value: Any = fact.value
        if self.key is not None:
            value = value.get(self.key, _MISSING) if isinstance(value, dict) else _MISSING
        if self.op == "not stated":
            return value is None or value is _MISSING
        if self.op == "stated":
            return value is not None and value is not _MISSING
        if value is _MISSING or (not fact.stated):
            return False
        if self.op == "in":
            return value in self.arg
        if self.op == "has":
            return isinstance(value, list | tuple) and self.arg in value
        try:
            return _COMPARE[self.op](value, self.arg)
        except TypeError:
            return False


@dataclass(frozen=True)
class Rule:
    """One row of the rules table (see the module docstring)."""

    rule: str
    fact: str
    conditions: tuple[Condition, ...]
    message: str
    source: str

    def check(self, facts: AdFacts) -> Check | None:
        """The check this rule makes of ``facts``, or None when it does not apply."""
        if not all(c.holds(facts) for c in self.conditions):
            return None
        fact = facts.fact(self.fact)
        return Check(self.rule, self.message, fact.start, fact.end, self.source, self.fact)


def load_rules(path: Path) -> tuple[Rule, ...]:
    """The rules of the table at ``path``.

    Raises:
        ValueError: a row is malformed (the message names its line).
    """
    rules: list[Rule] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(line.split("\t"))
        if cells == HEADER:
            continue
        try:
            if len(cells) != len(HEADER):
                raise ValueError(f"expected {len(HEADER)} columns: {', '.join(HEADER)}")
            rule, fact, when, message, source = cells
            if fact not in FIELD_NAMES:
                raise ValueError(f"no fact named {fact!r}")
            conditions = tuple(Condition.parse(part) for part in when.split(" and "))
        except ValueError as exc:
            raise ValueError(f"{path.name} line {number}: {exc}") from exc
        rules.append(Rule(rule, fact, conditions, message, source))
    if len({r.rule for r in rules}) != len(rules):
        raise ValueError(f"{path.name}: a rule id is used twice")
    return tuple(rules)


@cache
def shipped_rules() -> tuple[Rule, ...]:
    """The rules table shipped with jpstudy, loaded once."""
    return load_rules(resource_path("adfacts", "rules.tsv"))


def run_checks(facts: AdFacts, rules: Sequence[Rule] | None = None) -> tuple[Check, ...]:
    """The checks that ``facts`` trigger, in the order of the rules (the shipped table by default)."""
    found = (rule.check(facts) for rule in (shipped_rules() if rules is None else rules))
    return tuple(c for c in found if c is not None)
