"""What a sync job did, for the CLI summary and the API's rebuild status."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable

Progress = Callable[[int, int], None]  # (done, total) as new chunks are embedded


@dataclass
class IngestReport:
    """Counts of one job: articles by what happened to them, chunks, embeddings, time, errors."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    embedded: int = 0
    from_cache: int = 0
    total_articles: int = 0
    total_chunks: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Plain dict (for JSON)."""
        return asdict(self)

    def count_writes(self, writer) -> None:
        """Take the chunks the writer added and removed."""
        self.chunks_added, self.chunks_removed = writer.stats.chunks_added, writer.stats.chunks_removed

    def count_totals(self, counts) -> None:
        """Take the index's size after the job (a manifest, or ``{"articles", "chunks"}``)."""
        if isinstance(counts, dict):
            self.total_articles, self.total_chunks = counts["articles"], counts["chunks"]
        else:
            self.total_articles, self.total_chunks = counts.articles, counts.chunks
