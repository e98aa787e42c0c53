"""Streaming chat completions from any OpenAI-compatible server, over plain httpx.

``POST {RAG_LLM_URL}/chat/completions`` with ``"stream": true``; the server answers with
server-sent events, one ``data: {json}`` line per piece of text, and ``data: [DONE]`` at the
end. Neither the ``openai`` package (a second HTTP stack) nor litellm is used.

Every way the call can fail ends in :class:`LLMError` with a short ``reason`` the caller
reports (``unreachable``, ``timeout``, ``server_error``, ``bad_reply``), so the extractive
answer can be returned instead.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

# Statuses that mean "not now" rather than "never": the request may be sent again.
_RETRYABLE = {408, 429, 502, 503, 504}
_RETRIES = 1
_BACKOFF = 0.5


class LLMError(Exception):
    """The model server could not give an answer; ``reason`` says how it failed."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class ChatClient:
    """One OpenAI-compatible chat endpoint, as configured (``RAG_LLM_*``)."""

    url: str
    model: str | None = None
    api_key: str | None = None
    timeout: float = 60.0
    max_tokens: int = 512
    temperature: float = 0.0

    @classmethod
    def from_settings(cls, settings) -> "ChatClient | None":
        """The configured client, or ``None`` when ``RAG_LLM_URL`` is unset."""
        if not settings.llm_url:
            return None
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(settings.llm_url, settings.llm_model, key or None, settings.llm_timeout,
                   settings.llm_max_tokens, settings.llm_temperature)

    @property
    def endpoint(self) -> str:
        """The chat-completions URL (the configured base ends in ``/v1``)."""
        return self.url.rstrip("/") + "/chat/completions"

    def _body(self, messages: list[dict]) -> dict:
        body = {"messages": messages, "stream": True, "max_tokens": self.max_tokens,
                "temperature": self.temperature}
        if self.model:
            body["model"] = self.model
        return body

    def _headers(self) -> dict:
        headers = {"Accept": "text/event-stream"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    async def stream(self, messages: list[dict]) -> AsyncIterator[str]:
        """Yield the reply's text piece by piece as the server writes it.

        The whole call, retries included, must end within ``timeout`` seconds. A request is
        sent again (once, after a short pause) only where that is safe: the connection was
        refused or the server said "busy" (408/429/502/503/504) *before any text arrived*.
        After the first piece of text nothing is retried: the reader has already seen it,
        and a second reply would not continue the first. A 500, a malformed reply or a
        timeout is not retried either: asking again would most likely fail the same way,
        after spending the time the caller is waiting.
        """
        deadline = time.monotonic() + self.timeout

        def left() -> float:
            return max(0.0, deadline - time.monotonic())

        # Connecting gets at most 10 s of the budget; every wait is also capped by what is left.
        timeout = httpx.Timeout(self.timeout, connect=min(10.0, self.timeout))
        attempt = 0
        async with httpx.AsyncClient(timeout=timeout, trust_env=False) as http:
            while True:
                attempt += 1
                started = False
                response = None
                try:
                    request = http.build_request("POST", self.endpoint, json=self._body(messages),
                                                 headers=self._headers())
                    # Each wait sits in its own timeout, never around a `yield`: a timeout
                    # spanning a yield would fire in the caller's code instead of here.
                    async with asyncio.timeout(left()):
                        response = await http.send(request, stream=True)
                        if response.status_code != 200:
                            await response.aread()
                    if response.status_code != 200:
                        raise _Status(response.status_code, response.text[:300])
                    lines = response.aiter_lines()
                    while True:
                        async with asyncio.timeout(left()):
                            line = await anext(lines, None)
                        if line is None:
                            # Cut off without [DONE]: what arrived is still checked
                            # sentence by sentence, so it is kept.
                            return
                        piece = parse_event_line(line)
                        if piece is _DONE:
                            return
                        if piece:
                            started = True
                            yield piece
                except (httpx.ConnectError, _Status) as exc:
                    retryable = isinstance(exc, httpx.ConnectError) or exc.status in _RETRYABLE
                    if not started and retryable and attempt <= _RETRIES and left() > _BACKOFF:
                        await asyncio.sleep(_BACKOFF)
                        continue
                    if isinstance(exc, httpx.ConnectError):
                        raise LLMError("unreachable", str(exc) or type(exc).__name__) from exc
                    raise LLMError("server_error", f"HTTP {exc.status}: {exc.body}") from exc
                except (TimeoutError, httpx.TimeoutException) as exc:
                    raise LLMError("timeout", f"no complete reply within {self.timeout:g} s") from exc
                except httpx.HTTPError as exc:
                    # The connection broke mid-reply, a malformed chunked body…
                    raise LLMError("server_error", f"{type(exc).__name__}: {exc}") from exc
                finally:
                    if response is not None:
                        # Closing the stream tells the server to stop generating.
                        await response.aclose()


class _Status(Exception):
    def __init__(self, status: int, body: str):
        super().__init__(status)
        self.status, self.body = status, body


_DONE = object()


def parse_event_line(line: str):
    """The text carried by one line of a chat-completions SSE stream.

    Returns the text (maybe empty), ``None`` for lines that carry none (comments, blank
    lines, ``event:`` fields, a role-only first chunk), or a sentinel for ``data: [DONE]``.
    Raises :class:`LLMError` (``server_error``) when the server streams an error object,
    as vLLM and llama.cpp do for a failure after the 200 status was sent.
    """
    if not line.startswith("data:"):
        return None
    data = line[5:].strip()
    if data == "[DONE]":
        return _DONE
    if not data:
        return None
    try:
        event = json.loads(data)
    except json.JSONDecodeError as exc:
        raise LLMError("bad_reply", f"not JSON: {data[:100]}") from exc
    if not isinstance(event, dict):
        raise LLMError("bad_reply", f"unexpected event: {data[:100]}")
    if event.get("error"):
        raise LLMError("server_error", str(event["error"])[:300])
    choices = event.get("choices") or []
    if not choices:
        return None
    delta = choices[0].get("delta") or {}
    return delta.get("content") or None


def is_done(piece) -> bool:
    """Whether :func:`parse_event_line` returned the end-of-stream marker."""
    return piece is _DONE
