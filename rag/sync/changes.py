"""The rules that decide what a job indexes: one place for every job (folder, rebuild, API).

An article is *new* when its id is not indexed, *updated* when its content hash changed,
*unchanged* otherwise; a *duplicate* (skipped) when an indexed article that stays holds the
same content under another id, or an earlier article of the same batch does. Articles
without text, and articles that would make too many chunks, are refused and reported.
"""

from __future__ import annotations

from typing import Iterable

from rag.chunk import Chunker
from rag.documents import Article
from rag.sync.report import IngestReport


def dedupe(articles: list[Article], report: IngestReport) -> list[Article]:
    """Keep the first of articles with identical content (the scan order is stable); drop empty ones."""
    seen, kept = set(), []
    for a in articles:
        if not a.text.strip():
            report.errors.append((a.path, "no article text after cleaning"))
        elif a.content_hash in seen:
            report.duplicates += 1
        else:
            seen.add(a.content_hash)
            kept.append(a)
    return kept


def bounded(articles: list[Article], chunker: Chunker, limit: int, report: IngestReport) -> list[Article]:
    """Drop (and report) articles that would make more than ``limit`` chunks.

    One huge file must not hold the write lock for minutes nor flood the index.
    """
    kept = []
    for a in articles:
        # Only long texts are chunked twice (a 320-token chunk holds far more than 50 characters).
        if len(a.text) > limit * 50 and len(chunker.split(a)) > limit:
            report.errors.append((a.path, f"the article is too long: more than {limit} chunks "
                                          f"(RAG_MAX_CHUNKS_PER_ARTICLE); split it into several articles"))
        else:
            kept.append(a)
    return kept


def held_elsewhere(articles: list[Article], existing: dict[str, tuple[str, str]],
                   leaving: Iterable[str] = ()) -> dict[str, tuple[str, str]]:
    """``{content hash: (id, path)}`` of the indexed articles that stay: not one of
    ``articles`` (it is being replaced) nor one of ``leaving``. A text they hold is a duplicate."""
    changing = {a.id for a in articles} | set(leaving)
    return {h: (aid, path) for aid, (h, path) in existing.items() if aid not in changing}


def sort_changes(articles: list[Article], existing: dict[str, tuple[str, str]], report: IngestReport,
                 leaving: Iterable[str] = ()) -> list[Article]:
    """The articles to (re)index, counting each as added, updated, unchanged or duplicate.

    ``existing`` is ``{id: (content hash, path)}`` of the index being written; ``leaving``
    the ids this job removes. A duplicate is judged against the indexed articles that stay:
    not one this job removes or replaces (its content is on its way out).
    """
    staying = held_elsewhere(articles, existing, leaving)
    todo = []
    for a in articles:
        if a.content_hash in staying:
            report.duplicates += 1  # same content already indexed from elsewhere
        elif a.id not in existing:
            report.added += 1
            todo.append(a)
        elif existing[a.id][0] != a.content_hash:
            report.updated += 1
            todo.append(a)
        else:
            report.unchanged += 1
    return todo
