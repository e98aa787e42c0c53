"""Reading ``POST /ask/stream`` for the chat: the text as it is written, then the verified reply.

Usage in ``app.py`` (inside ``st.chat_message("assistant")``)::

    stream = AnswerStream(settings.api_url, body, timeout=settings.api_timeout)
    placeholder = st.empty()
    with placeholder.container():
        st.write_stream(stream)          # the model's unchecked text, piece by piece
    placeholder.empty()                  # replaced by the verified answer:
    reply = stream.final                 # exactly the POST /ask reply (answer, citations, …)

``stream.final`` is set once the iterator is exhausted. Failures raise ``ApiError`` with a
message staff can read, before or during the stream, as ``ApiClient`` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx

from ui.client import SLOW, UNREACHABLE, ApiError


def events(lines: Iterator[str]) -> Iterator[tuple[str, dict]]:
    """``(event, data)`` pairs of a text/event-stream, data decoded from JSON; comments skipped."""
    name, data = None, []
    for line in lines:
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
        elif not line:
            if name and data:
                yield name, json.loads("\n".join(data))
            name, data = None, []


class AnswerStream:
    """Iterate for the text pieces (for ``st.write_stream``); then read :attr:`final`."""

    def __init__(self, base_url: str, body: dict, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.body = body
        self.timeout = timeout
        self.sources: list[dict] = []
        self.answer_kind: str | None = None  # as announced by the `sources` event
        self.final: dict | None = None

    def __iter__(self) -> Iterator[str]:
        try:
            with httpx.Client(base_url=self.base_url, timeout=self.timeout) as http, \
                    http.stream("POST", "/ask/stream", json=self.body) as r:
                if r.status_code >= 400:
                    r.read()
                    try:
                        reason = r.json().get("detail", r.text)
                    except ValueError:
                        reason = r.text or r.reason_phrase
                    raise ApiError(f"Máy chủ từ chối yêu cầu ({r.status_code}): {reason}")
                for name, data in events(r.iter_lines()):
                    if name == "sources":
                        self.sources, self.answer_kind = data["passages"], data["answer_kind"]
                    elif name == "delta":
                        yield data["text"]
                    elif name == "final":
                        self.final = data
        except httpx.TimeoutException:
            raise ApiError(SLOW) from None
        except httpx.TransportError:
            raise ApiError(UNREACHABLE) from None  # staff get whom to call, not the server's address
        if self.final is None:
            raise ApiError("Câu trả lời bị ngắt giữa chừng. Vui lòng thử lại.")
