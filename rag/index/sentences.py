"""Sentence vectors stored beside each chunk, so the answer step can compare the question's
meaning with every sentence of the evidence without encoding anything at question time.

Packed per chunk as int8 with one float32 scale per sentence (388 bytes a sentence at 384
dimensions, a quarter of float32): the cosine error of that rounding (< 0.002) is far
below the differences that decide which sentence answers.
"""

from __future__ import annotations

import numpy as np


def pack(vectors: np.ndarray) -> bytes:
    """``n × d`` float vectors → one blob (``n`` scales, then ``n × d`` int8 values)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    scale = np.abs(vectors).max(axis=1).clip(min=1e-12) / 127.0
    quantised = np.round(vectors / scale[:, None]).astype(np.int8)
    return scale.astype(np.float32).tobytes() + quantised.tobytes()


def unpack(blob: bytes | None, dimension: int) -> np.ndarray | None:
    """The blob of :func:`pack` back as unit-length float32 rows, or ``None`` when absent."""
    if not blob:
        return None
    n = len(blob) // (4 + dimension)
    if n * (4 + dimension) != len(blob):
        return None
    scale = np.frombuffer(blob[: 4 * n], dtype=np.float32)
    values = np.frombuffer(blob[4 * n :], dtype=np.int8).reshape(n, dimension).astype(np.float32)
    values *= scale[:, None]
    return values / np.linalg.norm(values, axis=1, keepdims=True).clip(min=1e-12)
