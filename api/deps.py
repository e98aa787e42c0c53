"""Dependencies as ``Annotated`` aliases, so routes declare what they need by type."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from rag.config import Settings
from rag.pipeline import Assistant


def get_assistant(request: Request) -> Assistant:
    """The assistant loaded once at start-up."""
    return request.app.state.assistant


def get_app_settings(request: Request) -> Settings:
    """The settings the app was started with."""
    return request.app.state.settings


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
