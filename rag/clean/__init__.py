"""Clean, the second stage: a :class:`RawDocument` becomes an :class:`Article`.

``document`` does it (:func:`clean_document`) with ``normalize`` (Unicode and Vietnamese
tone marks), ``boilerplate`` (menus, footers) and ``metadata`` (headline, dates, author,
organisation). Next stage: :mod:`rag.chunk`.
"""

from rag.clean.document import clean_document
from rag.clean.normalize import normalize_query, normalize_text, normalize_vietnamese

__all__ = ["clean_document", "normalize_query", "normalize_text", "normalize_vietnamese"]
