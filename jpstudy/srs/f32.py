"""IEEE-754 single-precision arithmetic and half-up rounding, as Anki's Rust scheduler computes.

Anki computes intervals in ``f32`` and rounds half away from zero (``f32::round``). Python floats are
f64 and ``round()`` rounds half to even, which disagrees with Anki on about 1 % of histories.
An f32 operation is emulated by doing the f64 operation on f32 operands and rounding the result to
the nearest f32: for +, -, *, / the f64 result is exact enough that the second rounding is the correct one.
"""

from __future__ import annotations

import math
import struct

_F32 = struct.Struct("<f")


def f32(x: float) -> float:
    """``x`` rounded to the nearest IEEE-754 single-precision value."""
    return _F32.unpack(_F32.pack(x))[0]


def mul(a: float, b: float) -> float:
    """The f32 product of two f32 values."""
    return f32(f32(a) * f32(b))


def add(a: float, b: float) -> float:
    """The f32 sum of two f32 values."""
    return f32(f32(a) + f32(b))


def div(a: float, b: float) -> float:
    """The f32 quotient of two f32 values."""
    return f32(f32(a) / f32(b))


def round_half_up(x: float) -> int:
    """Round to the nearest integer, halves away from zero (Rust's ``f32::round``)."""
    if x < 0:
        return -round_half_up(-x)
    whole = math.floor(x)
    return whole + (1 if x - whole >= 0.5 else 0)
