"""Bring the index in step with the articles: the jobs that run the stages.

ingest (read) → clean → chunk → embed → index, for each job in its own module:
``folder`` (sync with an articles folder), ``rebuild`` (re-chunk and re-embed what is
indexed), ``add`` and ``delete`` (single articles, from the API). ``changes`` holds the one
set of rules for new, updated, unchanged and duplicate articles; ``stages`` runs chunk →
embed → write; ``report`` is what a job did.
"""

from rag.embed import embedding_cache
from rag.sync.add import DuplicateError, add_documents
from rag.sync.delete import delete_articles
from rag.sync.folder import ingest_folder
from rag.sync.rebuild import rebuild_all
from rag.sync.report import IngestReport, Progress

__all__ = ["DuplicateError", "IngestReport", "Progress", "add_documents", "delete_articles", "embedding_cache", "ingest_folder",
           "rebuild_all"]
