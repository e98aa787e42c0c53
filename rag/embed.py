"""Embed, the fourth stage: passages and their sentences → vectors, through the embedding cache.

The cache (:class:`rag.index.cache.EmbeddingCache`, keyed by model and exact text) lives
outside any index version, so only text the model has never seen is encoded. The model
itself is loaded by :mod:`embeddings`. Next stage: :mod:`rag.index`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from rag.chunk import Passage
from rag.config import Settings
from rag.index.cache import EmbeddingCache
from rag.index.sentences import pack


@dataclass
class Embedded:
    """The vectors of a list of passages, and how many texts had to be encoded."""

    vectors: np.ndarray  # one row per passage
    sentence_vectors: list[bytes | None]  # per passage, its sentences' vectors packed (None: no sentence)
    encoded: int = 0  # passages encoded now (the others came from the cache)
    sentences_encoded: int = 0


def embedding_cache(settings: Settings, model: str) -> EmbeddingCache:
    """The shared embedding cache for a model."""
    return EmbeddingCache(settings.cache_dir / "embeddings.sqlite", model)


def embed_passages(passages: list[Passage], embedder, cache: EmbeddingCache, progress: bool = False,
                   on_progress: Callable[[int, int], None] | None = None) -> Embedded:
    """Vectors for each passage and, packed per passage, for each of its sentences.

    ``on_progress(done, total)`` follows the passages being encoded (the API's rebuild
    status). The sentence vectors let the answer step compare the question's meaning with
    every sentence of the evidence using the question vector retrieval computed already.
    """
    vectors, encoded = cache.encode([p.text for p in passages], embedder.encode_passages, progress, on_progress)
    flat = [s for p in passages for s in p.sentences]
    sentence_vectors, sentences_encoded = cache.encode(flat, embedder.encode_passages)
    packed, at = [], 0
    for p in passages:
        packed.append(pack(sentence_vectors[at : at + len(p.sentences)]) if p.sentences else None)
        at += len(p.sentences)
    return Embedded(vectors, packed, encoded, sentences_encoded)
