"""Dependencies as ``Annotated`` aliases, so routes declare what they need by type."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader

from api.rebuild import Rebuilder
from rag.config import Settings
from rag.conversations import ConversationStore
from rag.feedback import FeedbackStore
from rag.pipeline import Assistant

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False,
                        description="The admin key the server was started with (RAG_ADMIN_API_KEY).")


def get_assistant(request: Request) -> Assistant:
    """The assistant loaded once at start-up."""
    return request.app.state.assistant


def get_app_settings(request: Request) -> Settings:
    """The settings the app was started with."""
    return request.app.state.settings


def get_rebuilder(request: Request) -> Rebuilder:
    """The one background rebuild runner."""
    return request.app.state.rebuilder


def get_feedback(request: Request) -> FeedbackStore:
    """Where feedback is stored."""
    return request.app.state.feedback


def get_conversations(request: Request) -> ConversationStore:
    """Where the chat's conversations are kept."""
    return request.app.state.conversations


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def require_admin(settings: SettingsDep, key: Annotated[str | None, Security(_api_key)]) -> None:
    """Let the request through only with the configured admin key (compared in constant time)."""
    expected = settings.admin_api_key.get_secret_value() if settings.admin_api_key else ""
    if not expected:
        # Refused rather than open: a server started without a key must not accept writes.
        raise HTTPException(403, "admin routes are disabled on this server: start it with RAG_ADMIN_API_KEY set")
    if not key:
        raise HTTPException(401, "missing X-API-Key header", headers={"WWW-Authenticate": "APIKey"})
    if not secrets.compare_digest(key.encode(), expected.encode()):
        raise HTTPException(401, "wrong API key", headers={"WWW-Authenticate": "APIKey"})


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
RebuilderDep = Annotated[Rebuilder, Depends(get_rebuilder)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback)]
ConversationsDep = Annotated[ConversationStore, Depends(get_conversations)]
AdminDep = Depends(require_admin)


def json_request(request: Request) -> None:
    """415, with what to send, for a body that is not declared JSON: parsed as something else
    it would only get pydantic's "Input should be a valid dictionary"."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    # "application/problem+json" and the like are JSON to FastAPI too; a body with no type is not.
    if ctype != "application/json" and not (ctype.startswith("application/") and ctype.endswith("+json")):
        raise HTTPException(415, f"send the request body as application/json (got {ctype or 'no content type'})")


JsonDep = Depends(json_request)
