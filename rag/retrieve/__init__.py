"""Retrieve, the sixth stage: the chunks of the index that best match a question.

``retriever`` runs dense (FAISS) and lexical (BM25) search under the filters and fuses
them (``fusion``). Next stage: :mod:`rag.answer`.
"""

from rag.retrieve.retriever import Filters, Hit, Retrieval, Retriever

__all__ = ["Filters", "Hit", "Retrieval", "Retriever"]
