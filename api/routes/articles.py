"""``/articles``: list and read for everyone; add and delete for admins."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.datastructures import UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from api.deps import AdminDep, AssistantDep, SettingsDep
from api.schemas import CodedError, Problem, ArticleBase, ArticleIn, ArticleOut, ArticleSummary, DeleteResult, UploadResult
from rag.index.writer import IndexBusyError
from rag.sync import DuplicateError
from rag.ingest import ReadError
from api import schemas
from rag.index.manifest import IndexDamagedError
from rag.sources import (UPLOAD_TYPES, UnsupportedTypeError, add_upload, json_upload, public_location, remove_article,
                         upload_path)

log = logging.getLogger(__name__)
_DAMAGED = ("index damaged: rebuild it (POST /index/rebuild {\"full\": true} or `rag ingest --rebuild`); "
            "chỉ mục bị hỏng, hãy lập lại chỉ mục")
_BUSY = "the index is being written by another upload, delete or rebuild; try again when it has finished"

router = APIRouter(prefix="/articles", tags=["articles"])

_MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the file itself
_UPLOAD_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {"type": "object", "required": ["file"],
                       "properties": {"file": {"type": "string", "format": "binary",
                                               "description": f"A UTF-8 {', '.join(UPLOAD_TYPES)} file."}}},
        },
    },
}


@router.get("", response_model=list[ArticleSummary])
def list_articles(assistant: AssistantDep, limit: int = Query(100, ge=1, le=1000),
                  offset: int = Query(0, ge=0, le=10_000_000)) -> list[ArticleSummary]:
    """Indexed articles, newest first, without their text."""
    index = assistant.refresh()
    if index is None:
        return []
    rows = index.store.list_articles(limit, offset)
    return [ArticleSummary(file=public_location(r["path"], schemas.ARTICLES_ROOT),
                           **{k: r[k] for k in r.keys() if k not in ("path", "added_at", "content_hash")})
            for r in rows]


@router.get("/{article_id}", response_model=ArticleOut, responses={404: {"model": Problem, "description": "Unknown article"}})
def get_article(article_id: str, assistant: AssistantDep) -> ArticleOut:
    """One article with the cleaned text that citation offsets refer to."""
    index = assistant.refresh()
    article = index.store.get_article(article_id) if index else None
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return ArticleOut.of(article)


@router.post("", status_code=201, response_model=UploadResult, dependencies=[AdminDep],
             openapi_extra={"requestBody": _UPLOAD_BODY},
             responses={401: {"model": Problem, "description": "Missing or wrong API key"}, 403: {"model": Problem, "description": "Admin disabled"},
                        409: {"model": Problem, "description": "The index is being written, or the text is already indexed as another article"}, 413: {"model": Problem, "description": "Too large"},
                        415: {"model": Problem, "description": "Unsupported type"},
                        503: {"model": Problem, "description": "The index is damaged"}})
async def add_article(request: Request, response: Response, assistant: AssistantDep,
                      settings: SettingsDep) -> UploadResult:
    """Add or replace articles: a JSON article, or an uploaded UTF-8 .txt/.md/.html file (field `file`).

    The article is cleaned, chunked, embedded and indexed before the call returns, and is
    answerable at once; the file is kept under the data folder so rebuilds keep it. Uploading
    the same file name (or JSON `id`) again replaces that article. Answers 200 instead of 201
    when nothing changed (the same file again), and 409 naming the article when another
    article already holds the same text (the copy is not kept, so no rebuild indexes it).
    """
    limit = settings.max_upload_bytes
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + _MULTIPART_SLACK:
        raise HTTPException(413, f"upload too large: at most {limit} bytes")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        body = await request.body()
        if len(body) > limit:
            raise HTTPException(413, f"upload too large: at most {limit} bytes")
        try:
            article = ArticleIn.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from None
        path, data = json_upload(settings, article.model_dump(mode="json"))
    elif ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, "send the article file in a form field named 'file'")
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"upload too large: at most {limit} bytes")
        try:
            path = upload_path(settings, upload.filename or "article.txt")
        except UnsupportedTypeError as exc:
            raise HTTPException(415, str(exc)) from None
        except ReadError as exc:
            raise HTTPException(422, str(exc)) from None
    else:
        raise HTTPException(415, "send application/json (an article) or multipart/form-data (a file)")
    try:
        articles, report = await run_in_threadpool(add_upload, path, data, settings, assistant.embedder)
    except UnsupportedTypeError as exc:
        raise HTTPException(415, str(exc)) from None
    except ReadError as exc:
        raise HTTPException(422, f"cannot read the article: {exc}") from None
    except DuplicateError as exc:
        raise CodedError(409, f"the same text is already indexed as article {exc.article_id} "
                              f"({public_location(exc.path, schemas.ARTICLES_ROOT)}); nothing was added", "duplicate") from None
    except IndexBusyError:
        raise CodedError(409, _BUSY, "busy") from None
    except IndexDamagedError as exc:
        log.error("upload refused: %s", exc)
        raise HTTPException(503, _DAMAGED) from None
    assistant.refresh()
    report.errors = [(public_location(p, schemas.ARTICLES_ROOT), reason) for p, reason in report.errors]
    if not (report.added or report.updated):
        response.status_code = 200
    return UploadResult(report=report, articles=[ArticleBase.of(a) for a in articles])


@router.delete("/{article_id}", response_model=DeleteResult, dependencies=[AdminDep],
               responses={404: {"model": Problem, "description": "Unknown article"}, 409: {"model": Problem, "description": "The index is being written"},
                          503: {"model": Problem, "description": "The index is damaged"}})
async def delete_article(article_id: str, assistant: AssistantDep, settings: SettingsDep) -> DeleteResult:
    """Remove an article from the index; its file moves to the data folder's trash, never erased."""
    index = assistant.refresh()
    article = index.store.get_article(article_id) if index else None
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    try:
        moved = await run_in_threadpool(remove_article, article, settings, assistant.embedder)
    except IndexBusyError:
        raise CodedError(409, _BUSY, "busy") from None
    except IndexDamagedError as exc:
        log.error("delete refused: %s", exc)
        raise HTTPException(503, _DAMAGED) from None
    assistant.refresh()
    return DeleteResult(id=article.id, title=article.title,
                        moved_to=public_location(str(moved), schemas.ARTICLES_ROOT) if moved else None)
