"""A pass-through embedder wrapper that times the encoder, for benchmarks."""

from __future__ import annotations

import time


class EncoderClock:
    """Delegates to an embedder and adds up the seconds spent in ``encode_passages``."""

    def __init__(self, embedder):
        self.inner = embedder
        self.seconds = 0.0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode_passages(self, texts, progress: bool = False):
        """Encode and time."""
        t = time.perf_counter()
        try:
            return self.inner.encode_passages(texts, progress)
        finally:
            self.seconds += time.perf_counter() - t
