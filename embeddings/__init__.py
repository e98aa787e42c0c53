"""Text embedders: one interface, one module per backend.

``load_embedder(settings)`` returns an :class:`Embedder` whose ``encode_queries`` and
``encode_passages`` apply the model's own prefixes (e5 needs ``query: `` / ``passage: ``),
so callers never do.
"""

from embeddings.base import Embedder
from embeddings.loader import load_embedder, resolve_model_path

__all__ = ["Embedder", "load_embedder", "resolve_model_path"]
