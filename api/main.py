"""The FastAPI application; run with ``uvicorn api.main:app``.

The model and the index are loaded once, at start-up; a new index version written by an
ingest is picked up by the next request without a restart.
"""

from __future__ import annotations

import json
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.routes import articles, ask, conversations, feedback, health, index, sites
from api.schemas import CodedError, Problem
from rag.config import Settings, get_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for the given settings (default: environment and .env)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from api.rebuild import Rebuilder
        from rag.conversations import ConversationStore
        from rag.feedback import FeedbackStore
        from rag.pipeline import Assistant

        from api import schemas

        s = app.state.settings = settings or get_settings()
        schemas.ARTICLES_ROOT = s.data_dir.resolve()
        body_cap.limit = s.max_request_bytes
        body_cap.upload_limit = max(s.max_request_bytes, s.max_upload_bytes + 64 * 1024)
        app.state.assistant = Assistant(s)
        app.state.rebuilder = Rebuilder(s, app.state.assistant.embedder)
        app.state.feedback = FeedbackStore(s.feedback_path)
        app.state.conversations = ConversationStore(s.conversations_path)
        app.state.fetcher = sites.start_fetcher(s, app.state.assistant.embedder, app.state.rebuilder)
        yield
        app.state.fetcher.stop()

    app = FastAPI(title="vnrag", version="0.1.0", lifespan=lifespan,
                  description="Hỏi đáp tiếng Việt trên các bài viết của cơ quan, có trích dẫn nguồn.")
    body_cap = BodyCap(app.router)
    app.add_middleware(BodyCapMiddleware, cap=body_cap)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # One readable sentence per problem instead of pydantic's nested structure.
        reasons = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            msg = str(err.get("msg", "invalid")).replace("Value error, ", "")
            kind = err.get("type")
            if kind == "json_invalid":  # pydantic puts the character's offset where a field would be
                where, msg = "", f"the body is not valid JSON (at character {where}: {err.get('ctx', {}).get('error', msg)})"
            elif kind == "extra_forbidden":
                msg = "unknown field (see the OpenAPI schema at /docs for the fields accepted)"
            elif kind == "missing" and not where:
                msg = "the request needs a JSON body"
            reasons.append(f"{where}: {msg}" if where else msg)
        return JSONResponse(status_code=422, content={"detail": "; ".join(reasons) or "invalid request"})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        # FastAPI's own words for a body it cannot decode (invalid UTF-8, absurd nesting or
        # numbers) say nothing a caller can act on.
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            return JSONResponse(status_code=400, content={
                "detail": "the body could not be read: send UTF-8 JSON of ordinary depth and size"})
        return await http_exception_handler(request, exc)

    @app.exception_handler(CodedError)
    async def _coded(request: Request, exc: CodedError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content={"detail": exc.detail, "code": exc.code})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(status_code=500, content={"detail": "internal error; see the server log"})

    # Errors are {"detail": "reason"} everywhere, also for validation (see _invalid above).
    errors = {422: {"model": Problem, "description": "Invalid request; `detail` says why"}}
    for router in (ask.router, health.router, articles.router, index.router, feedback.router, conversations.router,
                   sites.router):
        app.include_router(router, responses=errors)
    return app


class BodyCap:
    """The largest request body accepted (bytes); set from the settings at start-up."""

    def __init__(self, _router, limit: int = 4_000_000):
        self.limit = self.upload_limit = limit


class BodyCapMiddleware:
    """Answer 413 to a request whose body is larger than the cap, declared or streamed.

    Without it a 50 MB JSON body was read and parsed whole before any field was checked.
    """

    def __init__(self, app, cap: BodyCap):
        self.app, self.cap = app, cap

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        uploading = scope.get("method") == "POST" and scope.get("path", "").rstrip("/") == "/articles"
        limit = self.cap.upload_limit if uploading else self.cap.limit
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await _too_large(limit, send)
        seen, started = 0, False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # An HTTPException: FastAPI passes it through its body parsing as it is.
                    raise HTTPException(413, f"request body too large: at most {limit} bytes")
            return message

        async def watched(message):
            nonlocal started
            started |= message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await _too_large(limit, send)


async def _too_large(limit: int, send) -> None:
    body = json.dumps({"detail": f"request body too large: at most {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


app = create_app()
