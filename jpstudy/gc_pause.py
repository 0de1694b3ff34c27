"""Pausing Python's cyclic garbage collector for the length of one bulk operation.

Terms:
    cyclic collector: the part of CPython's memory management that looks for reference cycles. It
        runs after every few hundred new container objects and, in its oldest generation, walks every
        live container. A bulk operation (exporting or importing tens of thousands of notes) makes
        millions of short-lived objects while holding tens of thousands of long-lived ones, so the
        collector re-walks the same long-lived objects again and again: measured on the export
        benchmark, about a sixth of the time, for nothing freed.
    pause: reference counting still frees every object that is not part of a cycle at once; only the
        search for cycles waits until the operation ends (and is then resumed, never left off).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off; it is switched back on afterwards (on any exit)
    unless it was already off before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
