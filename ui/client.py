"""The chat's HTTP client for the API, turning every failure into a Vietnamese message staff can read.

Messages never hold the API's address or a server path: staff cannot act on them, and the
IT support that can finds the details in the server log.
"""

from __future__ import annotations

from datetime import date

import httpx

UNREACHABLE = ("Không kết nối được tới máy chủ hỏi đáp. Vui lòng thử lại sau ít phút; "
               "nếu vẫn không được, hãy liên hệ bộ phận hỗ trợ CNTT.")
SLOW = "Máy chủ trả lời quá chậm. Vui lòng thử lại sau ít phút; nếu vẫn chậm, hãy liên hệ bộ phận hỗ trợ CNTT."

QUICK = 10.0  # seconds for calls that draw the page (status, lists): a hung API must not freeze it for a minute

# What each refusal means to staff; the API's own reason (English, for developers) is kept
# on the exception as ``detail`` and shown only where it adds something (upload errors).
_REASONS = {
    401: "Khoá quản trị không đúng hoặc chưa nhập.",
    403: "Máy chủ chưa bật chức năng quản trị. Hãy liên hệ bộ phận hỗ trợ CNTT.",
    404: "Không tìm thấy nội dung được yêu cầu (có thể đã bị xoá).",
    409: "Chỉ mục đang được cập nhật. Vui lòng thử lại khi việc cập nhật xong.",
    413: "Tệp quá lớn so với giới hạn của máy chủ.",
    415: "Loại tệp không được hỗ trợ: chỉ nhận .txt, .md, .html.",
    422: "Yêu cầu không hợp lệ.",
    503: "Chỉ mục đang bị lỗi và cần được lập lại. Hãy liên hệ bộ phận hỗ trợ CNTT.",
}


class ApiError(Exception):
    """The API could not be reached or refused the request; ``str()`` is shown to staff."""

    def __init__(self, message: str, status: int | None = None, detail: str = "", code: str | None = None):
        super().__init__(message)
        self.status, self.detail, self.code = status, detail, code  # code: the API's Problem.code

    @property
    def unreachable(self) -> bool:
        """The API did not answer at all (down, or too slow)."""
        return self.status is None


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
            raise ApiError(SLOW) from None
        except httpx.TransportError:
            raise ApiError(UNREACHABLE) from None
        if r.status_code >= 400:
            try:
                body = r.json()
                detail, code = str(body.get("detail", r.text)), body.get("code")
            except (ValueError, AttributeError):
                detail, code = r.text or r.reason_phrase, None
            message = _REASONS.get(r.status_code, f"Máy chủ gặp lỗi ({r.status_code}). "
                                                  "Vui lòng thử lại; nếu vẫn lỗi, hãy liên hệ bộ phận hỗ trợ CNTT.")
            raise ApiError(message, r.status_code, detail, code)
        return r.json()

    def ask(self, question: str, history: list[dict], source: str | None = None,
            date_from: date | None = None, date_to: date | None = None) -> dict:
        """``POST /ask`` with the earlier questions of the conversation and the sidebar filters."""
        return self._call("POST", "/ask", json=ask_body(question, history, source, date_from, date_to))

    def health(self) -> dict:
        """``GET /health`` (cheap: used to notice the API coming back), with a short timeout."""
        return self._call("GET", "/health", timeout=5)

    def status(self) -> dict:
        """``GET /index/status``."""
        return self._call("GET", "/index/status", timeout=QUICK)

    def articles(self, limit: int = 100) -> list[dict]:
        """``GET /articles``: summaries, newest first."""
        return self._call("GET", "/articles", params={"limit": limit}, timeout=QUICK)

    def article(self, article_id: str) -> dict:
        """``GET /articles/{id}``: one article with its cleaned text."""
        return self._call("GET", f"/articles/{article_id}", timeout=QUICK)

    def feedback(self, rating: str, question: str, answer: str, comment: str | None, article_ids: list[str],
                 conversation_id: str | None = None, turn: int | None = None, short_answer: str | None = None) -> dict:
        """``POST /feedback``; the reply's ``id`` is what later changes go to."""
        body = {"rating": rating, "question": question, "answer": answer, "comment": comment or None,
                "article_ids": article_ids, "short_answer": short_answer}
        if conversation_id is not None and turn is not None:
            body.update(conversation_id=conversation_id, turn=turn)
        return self._call("POST", "/feedback", json=body)

    def update_feedback(self, feedback_id: int, **changes) -> dict:
        """``PATCH /feedback/{id}`` with ``rating`` and/or ``comment``."""
        return self._call("PATCH", f"/feedback/{feedback_id}", json=changes)

    def conversations(self, limit: int = 10) -> list[dict]:
        """``GET /conversations``: the most recently continued first."""
        return self._call("GET", "/conversations", params={"limit": limit}, timeout=QUICK)

    def conversation(self, conversation_id: str) -> dict:
        """``GET /conversations/{id}`` with its turns."""
        return self._call("GET", f"/conversations/{conversation_id}", timeout=QUICK)

    def new_conversation(self, title: str) -> dict:
        """``POST /conversations``."""
        return self._call("POST", "/conversations", json={"title": title})

    def add_turn(self, conversation_id: str, question: str, reply: dict, filters: dict) -> dict:
        """``POST /conversations/{id}/turns``; the reply's ``seq`` numbers the turn."""
        return self._call("POST", f"/conversations/{conversation_id}/turns",
                          json={"question": question, "reply": reply, "filters": filters})

    def upload(self, filename: str, data: bytes, api_key: str) -> dict:
        """``POST /articles`` with a file."""
        return self._call("POST", "/articles", api_key, files={"file": (filename, data)})

    def rebuild(self, api_key: str, full: bool = False) -> dict:
        """``POST /index/rebuild``."""
        return self._call("POST", "/index/rebuild", api_key, json={"full": full})

    def sites(self, api_key: str) -> dict:
        """``GET /sites``: the followed web sites with their last sync's report, and the sync status."""
        return self._call("GET", "/sites", api_key, timeout=QUICK)

    def add_site(self, home: str, listings: list[str], api_key: str) -> dict:
        """``POST /sites``: follow a site (its home page, optionally listing pages); nothing is fetched yet."""
        return self._call("POST", "/sites", api_key, json={"home": home, "listings": listings})

    def sync_sites(self, api_key: str, site_id: int | None = None) -> dict:
        """``POST /sites/sync`` (every site) or ``POST /sites/{id}/sync``; runs in the background."""
        return self._call("POST", "/sites/sync" if site_id is None else f"/sites/{site_id}/sync", api_key)

    def sync_status(self, api_key: str) -> dict:
        """``GET /sites/sync``: the current or last sync run."""
        return self._call("GET", "/sites/sync", api_key, timeout=QUICK)


def ask_body(question: str, history: list[dict], source: str | None = None,
             date_from: date | None = None, date_to: date | None = None) -> dict:
    """The JSON body of ``POST /ask`` and ``POST /ask/stream``: the question, the last ten
    earlier turns (``{"question", "answer"?}``: the question and its short answer, for
    follow-ups) and the filters that are set."""
    body = {"question": question,
            "history": [{k: v for k, v in turn.items() if k in ("question", "answer") and v} for turn in history[-10:]]}
    if source:
        body["source"] = source
    if date_from:
        body["date_from"] = date_from.isoformat()
    if date_to:
        body["date_to"] = date_to.isoformat()
    return body
