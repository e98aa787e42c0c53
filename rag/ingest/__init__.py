"""Ingest, the first stage: read article files (.txt, .md, .html, .jsonl) into :class:`RawDocument`s.

``reader`` finds and reads the files (:func:`scan`, :func:`read_file`), one module per
format does the parsing (``text``, ``html``, ``jsonl``), ``quality`` refuses degenerate
uploads. Next stage: :mod:`rag.clean`.
"""

from rag.ingest.reader import READERS, SUPPORTED, ReadError, ScanResult, document_id, read_file, read_text, scan

__all__ = ["READERS", "SUPPORTED", "ReadError", "ScanResult", "document_id", "read_file", "read_text", "scan"]
