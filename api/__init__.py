"""HTTP API (FastAPI): ``POST /ask`` for other tools, article listing, health."""
