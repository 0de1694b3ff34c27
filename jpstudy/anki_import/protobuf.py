"""Reading the few protocol-buffer messages a current Anki package holds (the ``meta`` entry, deck
options, deck kinds, note-type configs), from the public wire format alone.

Terms:
    wire format: a message is a sequence of (field number, wire type, value); wire type 0 is a
        varint, 1 a little-endian 64-bit value, 2 length-delimited bytes (strings, nested messages,
        packed repeated numbers), 5 a little-endian 32-bit value (``float``).
    fields: ``parse(data)`` maps each field number to the list of its raw values in order; absent
        fields take the schema's default (0, empty), as proto3 omits them.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping


class ProtobufError(ValueError):
    """The bytes are not a well-formed protocol-buffer message."""


Fields = Mapping[int, list[int | bytes]]


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data):
            raise ProtobufError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ProtobufError("varint too long")


def parse(data: bytes) -> dict[int, list[int | bytes]]:
    """Each field number of the message ``data`` with its raw values (ints for wire types 0, 1, 5)."""
    fields: dict[int, list[int | bytes]] = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = int.from_bytes(data[pos:pos + 8], "little"), pos + 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = int.from_bytes(data[pos:pos + 4], "little"), pos + 4
        else:
            raise ProtobufError(f"unsupported wire type {wire}")
        if pos > len(data):
            raise ProtobufError("truncated field")
        fields.setdefault(number, []).append(value)
    return fields


def uint(fields: Fields, number: int, default: int = 0) -> int:
    """The last value of a varint field (proto3: the last one wins)."""
    values = fields.get(number)
    return int(values[-1]) if values else default  # type: ignore[arg-type]


def sint64(fields: Fields, number: int, default: int = 0) -> int:
    """A signed ``int64`` varint field (two's complement in 64 bits)."""
    value = uint(fields, number, default)
    return value - (1 << 64) if value >= 1 << 63 else value


def _float(bits: int) -> float:
    return float(struct.unpack("<f", bits.to_bytes(4, "little"))[0])


def floating(fields: Fields, number: int, default: float = 0.0) -> float:
    """A ``float`` field (wire type 5)."""
    values = fields.get(number)
    return _float(int(values[-1])) if values else default  # type: ignore[arg-type]


def floats(fields: Fields, number: int) -> list[float]:
    """A repeated ``float`` field, packed (one bytes value) or not (one value per element)."""
    out: list[float] = []
    for value in fields.get(number, []):
        if isinstance(value, bytes):
            if len(value) % 4:
                raise ProtobufError("packed floats of odd length")
            out.extend(struct.unpack(f"<{len(value) // 4}f", value))
        else:
            out.append(_float(value))
    return out


def text(fields: Fields, number: int, default: str = "") -> str:
    """A ``string`` field."""
    values = fields.get(number)
    if not values:
        return default
    value = values[-1]
    if not isinstance(value, bytes):
        raise ProtobufError(f"field {number} is not a string")
    return value.decode("utf-8", errors="replace")


def message(fields: Fields, number: int) -> dict[int, list[int | bytes]]:
    """A nested message field (empty when absent)."""
    values = fields.get(number)
    if not values:
        return {}
    value = values[-1]
    if not isinstance(value, bytes):
        raise ProtobufError(f"field {number} is not a message")
    return parse(value)
