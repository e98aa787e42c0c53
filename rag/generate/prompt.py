"""What the model is shown: the question and the top passages, numbered [1]..[k].

The passages are the retrieved chunks the extractive step read, in rank order, limited to
the articles that step kept in scope (an article about Trà Vinh is never offered for a
question about Bình Định). The instruction is in Vietnamese, as the answer must be; it
asks for a citation after every sentence and for one fixed sentence when the passages do
not answer, which the verifier recognises (:data:`NO_ANSWER`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.clean import normalize_query

MAX_PASSAGES = 5

NO_ANSWER = "Các đoạn trích không có thông tin để trả lời câu hỏi này."

SYSTEM = (
    "Bạn là trợ lý trả lời câu hỏi bằng tiếng Việt cho cán bộ của một cơ quan. "
    "Chỉ dùng thông tin trong các đoạn trích được đánh số bên dưới; không dùng hiểu biết riêng, "
    "không suy đoán. Trả lời ngắn gọn bằng tiếng Việt. Sau mỗi câu, ghi số của đoạn trích làm căn cứ "
    "trong ngoặc vuông, ví dụ [1] hoặc [1][3]. Giữ nguyên các con số, ngày tháng và tên riêng như trong "
    f"đoạn trích. Nếu các đoạn trích không trả lời được câu hỏi, chỉ viết đúng một câu: {NO_ANSWER}"
)


@dataclass
class Passage:
    """One numbered passage: a retrieved chunk with its article's metadata and offsets."""

    number: int
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    path: str
    text: str
    start: int  # offset of ``text`` in the article's cleaned text
    score: float
    date_kind: str | None = None  # "published" or "event"

    @classmethod
    def of(cls, number: int, hit) -> "Passage":
        """The passage for a retrieval ``Hit``."""
        c = hit.chunk
        return cls(number, c.article_id, c.title, c.date, c.source, c.url, c.path, c.text, c.start, float(hit.score),
                   date_kind=c.date_kind)


def passages(hits, limit: int = MAX_PASSAGES) -> list[Passage]:
    """The first ``limit`` (at most 5) hits as passages numbered from 1; repeated chunks once."""
    out, seen = [], set()
    for hit in hits:
        if len(out) >= min(limit, MAX_PASSAGES):
            break
        if hit.chunk.id in seen:
            continue
        seen.add(hit.chunk.id)
        out.append(Passage.of(len(out) + 1, hit))
    return out


def _heading(p: Passage) -> str:
    meta = " · ".join(x for x in (p.date, p.source) if x)
    return f"[{p.number}] {p.title}" + (f" ({meta})" if meta else "")


def messages(question: str, numbered: list[Passage]) -> list[dict]:
    """The chat messages for ``question`` over ``numbered`` passages.

    One user message holding the instruction, the passages and the question: several chat
    templates (Gemma's, Mistral's) have no system turn and drop a system message silently.
    """
    blocks = "\n\n".join(f"{_heading(p)}\n{p.text.strip()}" for p in numbered)
    user = (f"{SYSTEM}\n\nCác đoạn trích:\n\n{blocks}\n\nCâu hỏi: {normalize_query(question)}\n"
            "Trả lời (mỗi câu kèm số đoạn trích trong ngoặc vuông):")
    return [{"role": "user", "content": user}]
