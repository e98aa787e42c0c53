"""The FastAPI application; run with ``uvicorn api.main:app``.

The model and the index are loaded once, at start-up; a new index version written by an
ingest is picked up by the next request without a restart.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.routes import articles, ask, feedback, health, index
from api.schemas import Problem
from rag.config import Settings, get_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for the given settings (default: environment and .env)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from api.rebuild import Rebuilder
        from rag.feedback import FeedbackStore
        from rag.pipeline import Assistant

        s = app.state.settings = settings or get_settings()
        app.state.assistant = Assistant(s)
        app.state.rebuilder = Rebuilder(s, app.state.assistant.embedder)
        app.state.feedback = FeedbackStore(s.feedback_path)
        yield

    app = FastAPI(title="vnrag", version="0.1.0", lifespan=lifespan,
                  description="Hỏi đáp tiếng Việt trên các bài viết của cơ quan, có trích dẫn nguồn.")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # One readable sentence per problem instead of pydantic's nested structure.
        reasons = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            reasons.append(f"{where}: {err.get('msg', 'invalid')}".replace("Value error, ", ""))
        return JSONResponse(status_code=422, content={"detail": "; ".join(reasons) or "invalid request"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(status_code=500, content={"detail": "internal error; see the server log"})

    # Errors are {"detail": "reason"} everywhere, also for validation (see _invalid above).
    errors = {422: {"model": Problem, "description": "Invalid request; `detail` says why"}}
    for router in (ask.router, health.router, articles.router, index.router, feedback.router):
        app.include_router(router, responses=errors)
    return app


app = create_app()
