"""The assistant: one loaded model and index, answering questions with citations.

Used by the CLI, the API and the evaluation alike, so all three answer the same way.
"""

from __future__ import annotations

import threading
import time

from rag.answer import NOT_FOUND, Answer, Answerer
from rag.config import Settings
from rag.followup import contextualize
from rag.index import Index, current_version_dir
from rag.retrieve import Filters, Retrieval, Retriever


class Assistant:
    """Holds the embedder and the current index; picks up new index versions on its own."""

    def __init__(self, settings: Settings, embedder=None):
        from embeddings import load_embedder

        self.settings = settings
        self.embedder = embedder or load_embedder(settings)
        self._lock = threading.Lock()
        self.index: Index | None = None
        self._version = None
        self.refresh()

    def refresh(self) -> Index | None:
        """Load the current index version if it changed since the last call (cheap if not)."""
        version = current_version_dir(self.settings.index_dir)
        if version == self._version:
            return self.index
        with self._lock:
            if version != self._version:
                index = Index.open(self.settings.index_dir, self.embedder.name, self.embedder.dimension)
                self.index, self._version = index, version
        return self.index

    def ask(self, question: str, top_k: int | None = None, filters: Filters | None = None,
            history: list[str] | None = None) -> Answer:
        """Answer ``question`` from the indexed articles, citing them; abstains when nothing fits.

        ``history`` holds the conversation's earlier questions, oldest first, so that a
        follow-up such as "Còn ở Trà Vinh thì sao?" is searched as a complete question.
        """
        return self.ask_verbose(question, top_k, filters, history)[1]

    def ask_verbose(self, question: str, top_k: int | None = None, filters: Filters | None = None,
                    history: list[str] | None = None) -> tuple[Retrieval | None, Answer]:
        """Like :meth:`ask`, also returning the retrieval the answer was built from."""
        started = time.perf_counter()
        index = self.refresh()
        s = self.settings
        query = contextualize(question, history)
        if index is None or index.vectors.size == 0:
            return None, Answer(question, NOT_FOUND, [], True, {"total": time.perf_counter() - started}, query)
        retrieval = Retriever(index, self.embedder, s.candidates, s.rrf_k, s.fusion).search(query, top_k or s.top_k, filters)
        answer = Answerer(index.lexical.idf, s.min_dense_score, s.confident_dense_score, s.min_coverage,
                          s.answer_sentences).answer(retrieval)
        answer.question, answer.query = question, query
        answer.timings = {**retrieval.timings, **answer.timings, "total": time.perf_counter() - started}
        return retrieval, answer
