"""The collector pause around bulk work: off inside, back as it was afterwards, even after an error."""

from __future__ import annotations

import gc

import pytest

from jpstudy.gc_pause import collector_paused


def test_the_collector_is_off_inside_and_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("bulk work failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
