"""Hybrid search over one index: dense and lexical, fused (see ``fusion.py``).

The index is either backend (:mod:`rag.index.backends`): FAISS + BM25 files, or PostgreSQL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rag.clean import normalize_query
from rag.clean.metadata import PROVINCES_FOLDED, SURNAMES
from rag.index import Index
from rag.index.store import StoredChunk
from rag.retrieve.fusion import reciprocal_rank_fusion, zscore_fusion
from rag.text import known_words, segment


def _person_names(terms: list[str], question: str) -> list[str]:
    """The Vietnamese full names among pyvi's ``terms`` ("trần_quốc_tuấn"), written with
    capitals in ``question``. Searched twice: "Ông Trần Quốc Tuấn giữ chức gì?" is about him,
    and an article's "… được bầu giữ chức Phó Bí thư" shares as many rare words with it."""
    folded = question.casefold()
    return [t for t in terms if t.count("_") >= 1 and t.split("_", 1)[0] in SURNAMES
            and t.replace("_", " ") not in PROVINCES_FOLDED
            and (at := folded.find(t.replace("_", " "))) >= 0
            and all(w[:1].isupper() for w in question[at:at + len(t)].split())]


@dataclass
class Filters:
    """Restrict the search to an organisation and/or a date range (ISO dates).

    An article's date is its publication date, or the date of the event it reports when the
    page gives none (``date_kind``); articles with neither are left out by a date range.
    """

    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def active(self) -> bool:
        """True if any filter is set."""
        return any((self.source, self.date_from, self.date_to))


@dataclass
class Hit:
    """A retrieved chunk with its scores."""

    chunk: StoredChunk
    score: float
    dense: float | None
    lexical: float | None


@dataclass
class Retrieval:
    """The hits for one question, the question's terms, and seconds per stage."""

    question: str
    terms: list[str]
    hits: list[Hit]
    best_dense: float
    timings: dict[str, float] = field(default_factory=dict)
    vector: object = None  # the question's embedding (numpy), reused to score sentences
    # The chunks ranked next after ``hits`` (``search(reserve=…)``), kept apart: only the answer
    # step reads them, for the article a conversation is about.
    reserve: list[Hit] = field(default_factory=list)


class Retriever:
    """Hybrid search over one loaded index (:class:`Index`, or the PostgreSQL one)."""

    def __init__(self, index: Index, embedder, *, candidates: int = 50, rrf_k: int = 60, fusion: str = "zscore"):
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.fusion = fusion

    def search(self, question: str, top_k: int = 5, filters: Filters | None = None, reserve: int = 0,
               named_at: int | None = None) -> Retrieval:
        """The ``top_k`` best chunks for ``question``; the ``reserve`` ranked next are returned
        apart (:attr:`Retrieval.reserve`), for the answer step to read for the article a
        conversation is about. A passage naming the person asked about ranks at ``named_at``
        at the latest (default: last of ``top_k``)."""
        timings = {}
        t = time.perf_counter()
        question = normalize_query(question)
        terms = segment(question)
        scope = None
        if filters and filters.active():
            scope = self.index.scope(filters.source, filters.date_from, filters.date_to)
        timings["prepare"] = time.perf_counter() - t

        t = time.perf_counter()
        vector = self.embedder.encode_queries([question])[0]
        timings["embed"] = time.perf_counter() - t
        t = time.perf_counter()
        dense = self.index.dense(vector, self.candidates, scope)
        timings["dense"] = time.perf_counter() - t
        t = time.perf_counter()
        names = _person_names(terms, question)
        lexical = self.index.keyword(terms + names, self.candidates, scope)
        timings["lexical"] = time.perf_counter() - t

        t = time.perf_counter()
        if self.fusion == "rrf":
            ranked = reciprocal_rank_fusion([dense, lexical], self.rrf_k)[: top_k + reserve]
        else:
            ranked = zscore_fusion([dense, lexical])[: top_k + reserve]
        fused = ranked[:top_k]
        if names and fused:
            # The model reads a name as any other words: the passage naming the person asked
            # about ("Lê Văn Khoa giữ chức vụ gì?") is kept among the evidence, at the last
            # place the answer step reads, so that asking for more evidence changes no answer.
            naming = [i for i, _ in self.index.keyword(names, 1, scope)]
            at = min(len(fused), named_at or top_k) - 1
            if naming and naming[0] not in {i for i, _ in fused[: at + 1]}:
                rest = [(i, s) for i, s in fused[at:] if i != naming[0]]
                fused = (fused[:at] + [(naming[0], fused[at][1])] + rest)[:top_k]
        kept = {i for i, _ in fused}
        # Then the next in rank order, the one a named passage displaced first.
        after = [(i, s) for i, s in ranked[top_k - 1:] if i not in kept][:reserve]
        chunks = self.index.get_chunks([i for i, _ in fused + after])
        dense_of, lexical_of = dict(dense), dict(lexical)
        hits, reserved = ([Hit(chunks[i], s, dense_of.get(i), lexical_of.get(i)) for i, s in part if i in chunks]
                          for part in (fused, after))
        timings["fuse"] = time.perf_counter() - t
        best_dense = dense[0][1] if dense else 0.0
        # BM25 keeps pyvi's words (splitting them cost XQuAD-vi dev 3 questions' first rank); the
        # answer step weighs the words the index knows (rag.text.known_words).
        terms = known_words(terms, self.index.lexical.idf, question)
        return Retrieval(question, terms, hits, best_dense, timings, vector, reserved)
