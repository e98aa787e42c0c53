"""The embedder interface shared by every backend."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns questions and passages into L2-normalised float32 vectors."""

    name: str
    dimension: int
    max_tokens: int

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions (the backend adds its query prefix)."""

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Embed passages (the backend adds its passage prefix)."""

    def count_tokens(self, text: str) -> int:
        """Number of model tokens ``text`` takes, without special tokens or prefix."""
