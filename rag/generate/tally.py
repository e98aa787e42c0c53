"""How often the verifier had to intervene, over many answers (``rag eval``, ``rag ask --llm``).

An organisation judges its model by these: a model that often cites the wrong passage or
invents numbers has many re-cited and dropped sentences, and many answers that fell back
to the extractive one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """Counts over generated answers (``GeneratedAnswer``), added one by one."""

    questions: int = 0
    replies: int = 0  # the model wrote something the verifier checked
    generated: int = 0
    fallbacks: Counter = field(default_factory=Counter)
    sentences: int = 0
    dropped: int = 0
    recited: int = 0
    citations_dropped: int = 0
    replies_with_drop: int = 0
    replies_with_recite: int = 0
    seconds: list[float] = field(default_factory=list)

    def add(self, reply) -> None:
        """Count one answer."""
        self.questions += 1
        if reply.kind == "generated":
            self.generated += 1
        else:
            self.fallbacks[reply.reason] += 1
        if reply.verification is None:
            return
        c = reply.counts()
        self.replies += 1
        self.sentences += c["sentences"]
        self.dropped += c["dropped"]
        self.recited += c["recited"]
        self.citations_dropped += c["citations_dropped"]
        self.replies_with_drop += bool(c["dropped"] or c["citations_dropped"])
        self.replies_with_recite += bool(c["recited"])
        self.seconds.append(reply.seconds)

    def summary(self) -> dict:
        """The figures as a dict (shares of replies and of sentences, fallbacks by reason)."""
        r, s = self.replies or 1, self.sentences or 1
        ordered = sorted(self.seconds)
        return {
            "questions": self.questions, "model_replies": self.replies, "generated": self.generated,
            "fallbacks": dict(sorted(self.fallbacks.items())),
            "replies_with_drop": round(self.replies_with_drop / r, 3),
            "replies_with_recite": round(self.replies_with_recite / r, 3),
            "sentences": self.sentences, "sentences_dropped": round(self.dropped / s, 3),
            "sentences_recited": round(self.recited / s, 3), "citations_dropped": self.citations_dropped,
            "p50_seconds": ordered[len(ordered) // 2] if ordered else 0.0,
        }


def describe(summary: dict) -> str:
    """One line for the terminal."""
    fallbacks = ", ".join(f"{k} {v}" for k, v in summary["fallbacks"].items()) or "none"
    return (f"LLM: {summary['generated']}/{summary['questions']} generated (fallbacks: {fallbacks}); of "
            f"{summary['model_replies']} model replies {summary['replies_with_drop']:.3f} had something dropped, "
            f"{summary['replies_with_recite']:.3f} something re-cited; of {summary['sentences']} sentences "
            f"{summary['sentences_dropped']:.3f} dropped, {summary['sentences_recited']:.3f} re-cited; "
            f"{summary['citations_dropped']} out-of-range citations dropped; p50 {summary['p50_seconds']:.1f} s")
