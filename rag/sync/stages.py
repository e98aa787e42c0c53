"""chunk → embed → index: the stages after cleaning, as the settings configure them."""

from __future__ import annotations

from dataclasses import dataclass

from rag.chunk import Chunker, passages
from rag.config import Settings
from rag.documents import Article
from rag.embed import embed_passages, embedding_cache
from rag.index.cache import EmbeddingCache
from rag.index.backends import index_writer
from rag.index.writer import IndexSpec, IndexWriter
from rag.sync.report import IngestReport, Progress


@dataclass
class Stages:
    """The chunker, the embedder with its cache, and the writer's spec, for one job."""

    settings: Settings
    embedder: object
    chunker: Chunker
    cache: EmbeddingCache

    @classmethod
    def of(cls, settings: Settings, embedder) -> "Stages":
        """The stages for ``settings`` and a loaded embedder."""
        return cls(settings, embedder, Chunker.for_model(embedder, settings.chunk_tokens, settings.chunk_overlap),
                   embedding_cache(settings, embedder.name))

    def writer(self, *, fresh: bool, wait: float = 0) -> IndexWriter:
        """A writer of the next index version (enter it to take the write lock), on the configured backend."""
        return index_writer(self.settings, IndexSpec.of(self.settings, self.embedder), fresh=fresh, wait=wait)

    def write(self, writer: IndexWriter, articles: list[Article], report: IngestReport, progress: bool = False,
              on_progress: Progress | None = None) -> None:
        """Chunk, embed (through the cache) and write ``articles`` into ``writer``."""
        found = passages(articles, self.chunker, self.settings.embed_title)
        embedded = embed_passages(found, self.embedder, self.cache, progress, on_progress) if found else None
        writer.upsert(articles, found, embedded)
        if embedded is not None:
            report.embedded += embedded.encoded
            report.from_cache += len(found) - embedded.encoded
