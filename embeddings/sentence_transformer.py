"""Embedder backed by ``sentence_transformers.SentenceTransformer``."""

from __future__ import annotations

import numpy as np


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; prefixes are applied here, not by callers."""

    def __init__(self, path: str, name: str, query_prefix: str, passage_prefix: str,
                 batch_size: int = 16, device: str = "cpu"):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # one model load is not worth a progress bar
        self.model = SentenceTransformer(path, device=device)
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.dimension = int(self.model.get_embedding_dimension())
        # Room for the prefix and <s> </s> inside the model's window.
        prefix_tokens = max(self.count_tokens(query_prefix), self.count_tokens(passage_prefix))
        self.max_tokens = int(self.model.max_seq_length) - prefix_tokens - 2

    @property
    def tokenizer(self):
        """The model's Hugging Face tokenizer (used to size chunks)."""
        return self.model.tokenizer

    def count_tokens(self, text: str) -> int:
        """Number of model tokens ``text`` takes, without special tokens."""
        return len(self.model.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _encode(self, texts: list[str], prefix: str, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            [prefix + t for t in texts], batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions with the query prefix."""
        return self._encode(texts, self.query_prefix, False)

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Embed passages with the passage prefix."""
        return self._encode(texts, self.passage_prefix, progress)
