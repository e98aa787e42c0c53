"""The manifest: which model and chunking built an index, and what it holds."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from rag.text import SENTENCE_RULES


class ModelMismatchError(RuntimeError):
    """The index was built with another embedding model than the one configured."""


class IndexDamagedError(RuntimeError):
    """An index version on disk is incomplete or inconsistent (truncated file, counts that differ)."""

    def __init__(self, reason: str):
        super().__init__(f"index damaged: {reason}. Run `rag ingest --rebuild <folder>` "
                         f"(chỉ mục bị hỏng: hãy chạy `rag ingest --rebuild <thư mục>`)")
        self.reason = reason


class IndexTooNewError(IndexDamagedError):
    """An index version was written by a newer release (its store's schema is unknown here).

    A kind of :class:`IndexDamagedError` so that every place which reports a damaged index
    (``/health``, the CLI, the fallback to an older version) reports this one too.
    """

    def __init__(self, reason: str):
        RuntimeError.__init__(self, f"index written by a newer release: {reason}. Upgrade vnrag, or run "
                              f"`rag ingest --rebuild <folder>` to rebuild it with this one (chỉ mục do phiên bản "
                              f"mới hơn tạo: hãy nâng cấp, hoặc chạy `rag ingest --rebuild <thư mục>`)")
        self.reason = reason


@dataclass
class Manifest:
    """Written last into every index version; a version without one is incomplete."""

    model: str
    dimension: int
    chunk_tokens: int
    chunk_overlap: int
    embed_title: bool = True
    version: int = 0
    articles: int = 0
    chunks: int = 0
    updated_at: str = ""
    vector_index: str = "flat"
    # How sentences were cut for the stored sentence vectors (rag.text.SENTENCE_RULES); an
    # index written before the field existed cut them the first way.
    sentence_rules: int = 1
    extra: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        """Write as JSON."""
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2))

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        """Read from JSON; fields this version does not know are ignored (written by a newer one)."""
        data = json.loads(path.read_text())
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def check_model(self, model: str, dimension: int | None, where: Path | str) -> None:
        """Refuse to mix vectors of two models, saying how to fix it (``where``: the index folder,
        or a description of the database holding the index)."""
        if self.model != model or (dimension is not None and self.dimension != dimension):
            raise ModelMismatchError(
                f"The index in {where} was built with model '{self.model}' ({self.dimension}-d), "
                f"but the configured model is '{model}'"
                + (f" ({dimension}-d)" if dimension else "")
                + ". Rebuild it with `rag ingest --rebuild <folder>`"
                + (f" (or delete {where})" if isinstance(where, Path) else "")
                + f", or set {_model_env(self.model)} to use the index as it is."
            )

    def same_chunking(self, chunk_tokens: int, chunk_overlap: int, embed_title: bool) -> bool:
        """True if articles chunked under these settings, and cut into sentences by this release,
        would be chunked and cut the same way (the sentence vectors stored per chunk follow the cut)."""
        return (self.chunk_tokens, self.chunk_overlap, self.embed_title, self.sentence_rules) == (
            chunk_tokens, chunk_overlap, embed_title, SENTENCE_RULES)


def _model_env(name: str) -> str:
    """The settings that give vectors named ``name`` ("model" or "model+engine")."""
    model, _, engine = name.partition("+")
    return f"RAG_MODEL={model} RAG_ENCODER={engine or 'torch'}"
