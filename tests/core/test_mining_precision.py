"""Mining precision on 16 judged job ads of many trades (issue 16): every candidate the mining window
shows was judged against its sentence for reading, sense (the first meaning shown) and unit
(``tests/fixtures/precision``, scored by ``tools/precision.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from jpstudy.dictionary import Dictionary
from jpstudy.mining import mine_text

TOOL = Path(__file__).resolve().parents[2] / "tools" / "precision.py"


def precision_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("precision_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look it up
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def score(built_dictionary: Path):  # type: ignore[no-untyped-def]
    tool = precision_tool()
    with Dictionary.open(built_dictionary.parent) as dictionary:
        yield tool.score(lambda text: mine_text(text, dictionary))


def test_every_shown_candidate_of_the_judged_ads_is_judged(score) -> None:  # type: ignore[no-untyped-def]
    assert len(score.per_ad) >= 15
    unjudged = [f"{t['ad']}: {t['word']} {t['reading']} ‹{t['sense']}›" for t in score.todo]
    assert not unjudged, "judge them: python tools/precision.py --todo todo.tsv, then --accept todo.tsv\n" + \
        "\n".join(unjudged[:20])
    assert score.overall.judged >= 600


def test_precision_goals(score) -> None:  # type: ignore[no-untyped-def]
    assert score.overall.precision >= 0.97, score.overall.line()
    assert score.first.precision >= 0.99, score.first.line()


def test_judgments_file_format(tmp_path: Path) -> None:
    tool = precision_tool()
    bad = tmp_path / "x.tsv"
    bad.write_text("word\treading\tsense\tverdict\tnote\n月\tつき\tmoon\tX\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="verdict"):
        tool.read_judgments(bad)
    good = tmp_path / "y.tsv"
    tool.write_judgments(good, [tool.Judgment("月", "つき", "month", "ok"),
                                tool.Judgment("方", "かた", "direction", "S")])
    judged = tool.read_judgments(good)
    assert judged[("方", "かた", "direction")].verdict == "S" and judged[("月", "つき", "month")].ok
