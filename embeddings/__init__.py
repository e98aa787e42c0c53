"""Text embedders: one interface, one module per backend.

``load_embedder(settings)`` returns an :class:`Embedder` whose ``encode_queries`` and
``encode_passages`` apply the model's own prefixes (e5 needs ``query: `` / ``passage: ``),
so callers never do. Backends: ``onnx.py`` (onnxruntime, int8 or fp32, the default) and
``sentence_transformer.py`` (torch, fp32); ``e5_convert.py`` and ``onnx_export.py`` make
their model files offline, once.
"""

from embeddings.base import Embedder
from embeddings.loader import embedder_name, load_embedder, prepare, resolve_model_path

__all__ = ["Embedder", "embedder_name", "load_embedder", "prepare", "resolve_model_path"]
