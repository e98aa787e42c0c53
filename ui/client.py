"""The chat's HTTP client for the API, turning every failure into a message staff can read."""

from __future__ import annotations

from datetime import date

import httpx


class ApiError(Exception):
    """The API could not be reached or refused the request; ``str()`` is shown to staff."""


class ApiClient:
    """Calls the vnrag API; connection attempts are retried by the transport."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout,
                                  transport=httpx.HTTPTransport(retries=2))

    def _call(self, method: str, path: str, api_key: str | None = None, **kwargs) -> dict | list:
        headers = {"X-API-Key": api_key} if api_key else {}
        try:
            r = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException:
            raise ApiError("Máy chủ trả lời quá chậm. Vui lòng thử lại sau ít phút.") from None
        except httpx.TransportError:
            raise ApiError(f"Không kết nối được tới máy chủ hỏi đáp ({self.base_url}). "
                           "Vui lòng kiểm tra máy chủ rồi thử lại.") from None
        if r.status_code >= 400:
            try:
                reason = r.json().get("detail", r.text)
            except ValueError:
                reason = r.text or r.reason_phrase
            raise ApiError(f"Máy chủ từ chối yêu cầu ({r.status_code}): {reason}")
        return r.json()

    def ask(self, question: str, history: list[str], source: str | None = None,
            date_from: date | None = None, date_to: date | None = None) -> dict:
        """``POST /ask`` with the earlier questions of the conversation and the sidebar filters."""
        body = {"question": question, "history": [{"question": q} for q in history[-10:]]}
        if source:
            body["source"] = source
        if date_from:
            body["date_from"] = date_from.isoformat()
        if date_to:
            body["date_to"] = date_to.isoformat()
        return self._call("POST", "/ask", json=body)

    def status(self) -> dict:
        """``GET /index/status``."""
        return self._call("GET", "/index/status")

    def feedback(self, rating: str, question: str, answer: str, comment: str | None, article_ids: list[str]) -> dict:
        """``POST /feedback``."""
        return self._call("POST", "/feedback", json={"rating": rating, "question": question, "answer": answer,
                                                     "comment": comment or None, "article_ids": article_ids})

    def upload(self, filename: str, data: bytes, api_key: str) -> dict:
        """``POST /articles`` with a file."""
        return self._call("POST", "/articles", api_key, files={"file": (filename, data)})

    def rebuild(self, api_key: str, full: bool = False) -> dict:
        """``POST /index/rebuild``."""
        return self._call("POST", "/index/rebuild", api_key, json={"full": full})
