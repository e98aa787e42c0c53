"""Offline Vietnamese question answering over an organisation's own articles.

The pipeline reads in the order of its sub-packages:
``ingest`` (read files) → ``clean`` (normalise, strip boilerplate, metadata) → ``chunk`` →
``embeddings`` (top-level package) → ``index`` (FAISS + SQLite + BM25) → ``retrieve`` →
``answer``. ``rag.pipeline`` ties them together for the CLI, the API and the evaluation.
"""

__version__ = "0.1.0"
