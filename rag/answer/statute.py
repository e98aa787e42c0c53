"""Reading statutes by their articles: the article a question cites or asks for, and the
sentences under it.

Staff who read a law ask about its provisions by number ("Theo Điều 17, …", "khoản 2 Điều
112", "Điều 5 quy định gì?") or ask which article says something ("… quy định tại điều
nào?"). :mod:`rag.answer.provision` reads the numbers off the text; :class:`Statutes` holds
where each article's provisions start, per article of the index, for one answer step.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from rag.answer import provision, scope
from rag.answer.layout import ASKS_ARTICLE, HEADING
from rag.answer.reply import Answer, Citation, article_citation, paragraphs
from rag.answer.sentences import Sentence
from rag.answer.span import ShortAnswer
from rag.retrieve import Hit
from rag.text import segment

# Asked "… điều nào?", a heading holding this share of the question's weight names the article;
# below it, the article of the quoted clause does. Set by hand (API probe questions).
ARTICLE_HEADING_SHARE = 0.3
# A sentence under the statute article the question cites ("Theo Điều 17, …"), in the same
# standardised units as the score. Set by hand: the four legal4 dev questions that cite an
# article, and the tests' cases (tests/test_answer.py), came out alike from 0.5 to 5 (without it,
# "Theo Điều 113, … nghỉ mấy ngày?" is answered from Điều 112).
PROVISION_BONUS = 1.5


class Statutes:
    """The statute articles of the evidence: ``article_text`` maps an article id to its text
    (or None when it is gone); ``max_sources`` caps the articles quoted at once."""

    def __init__(self, article_text=None, max_sources: int = 3):
        self.article_text = article_text
        self.max_sources = max_sources
        # Article id -> where its statute articles ("Điều 17. …") start; read only for a
        # question that cites one.
        self.headings_of = functools.lru_cache(maxsize=16)(
            lambda article_id: provision.headings((self.article_text(article_id) if self.article_text else None) or ""))
        self._clause_spans: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (article id, number) → cited clauses

    def article_asked(self, question: str, provisions: list[str], best: Sentence, hits: list[Hit],
                       weights: dict[str, float]) -> tuple[Citation, ShortAnswer] | None:
        """Asked which statute article says something ("… quy định tại điều nào?", "… nằm ở điều
        mấy?") and citing none: the article whose heading says most of the question's words, in
        the statutes of the evidence (ties: the one ``best`` lies in), its heading as a citation
        and its "Điều N" as the short answer (an API probe had got "13", a number in a clause)."""
        if provisions or not ASKS_ARTICLE.search(question) or not self.article_text:
            return None
        found = []  # (share of the question's weight in the heading, is best's article, hit, text, start, end)
        firsts: dict[str, Hit] = {}
        for h in hits:  # each article once, by its best-ranked chunk, in rank order
            firsts.setdefault(h.chunk.article_id, h)
        for hit in firsts.values():
            text = self.article_text(hit.chunk.article_id) if scope.is_statute(hit.chunk.title) else None
            heads = self.headings_of(hit.chunk.article_id) if text else None
            if not heads:
                continue
            here = provision.at(heads, best.start) if hit.chunk.article_id == best.hit.chunk.article_id else None
            for number in heads[1]:
                start, end, _ = provision.heading(text, heads, number)
                words = set(segment(text[start:end].casefold()))
                said = sum(w for t, w in weights.items() if t in words) / (sum(weights.values()) or 1.0)
                found.append((said, number == here, hit, text, start, end))
        if not found:
            return None
        chosen = max(found, key=lambda f: f[:2])
        if chosen[0] < ARTICLE_HEADING_SHARE:  # no heading says it: the article the quoted clause is in
            chosen = next((f for f in found if f[1]), None)
            if chosen is None:
                return None
        _, _, hit, text, start, end = chosen
        label = re.match(r"\s*(Điều\s+\d+[a-zđ]?)", text[start:end], re.IGNORECASE)
        if not label:
            return None
        s, e = start + label.start(1), start + label.end(1)
        return article_citation(hit, text, start, end, start), ShortAnswer(text[s:e], s, e, "entity", basis="provision")

    def heading_above(self, chunk) -> set[str] | None:
        """Words of the statute article heading above ``chunk`` in its article's text, if any
        (one that opens the chunk is read as the chunk's own first sentence)."""
        text = self.article_text(chunk.article_id) if self.article_text and chunk.start else None
        heads = self.headings_of(chunk.article_id) if text else None
        number = provision.at(heads, chunk.start - 1) if heads else None
        if number is None:
            return None
        start, end, _ = provision.heading(text, heads, number)
        return set(segment(text[start:end])) if HEADING.match(text[start:end]) else None

    def spanned(self, hit: Hit) -> set[str]:
        """The numbers of the statute articles ``hit``'s chunk lies in or opens (none for news)."""
        c = hit.chunk
        return provision.spanned(self.headings_of(c.article_id), c.start, c.end)

    def favour(self, sentences: list[Sentence], provisions: list[str], clauses: dict[str, list[str]]) -> None:
        """Raise the score of the sentences under the statute articles the question cites, and
        again of those in a clause it cites ("Theo khoản 2 Điều 112, …").

        A bonus, not a filter: users cite the wrong article too ("Theo Điều 113, lao động
        nước ngoài được nghỉ thêm mấy ngày Tết?" is answered by Điều 112), and a sentence
        elsewhere that answers far better should still win.
        """
        for s in sentences:
            number = provision.at(self.headings_of(s.hit.chunk.article_id), s.start)
            if number in provisions:
                s.score += PROVISION_BONUS
                if self.in_cited_clause(s, clauses):
                    s.score += PROVISION_BONUS

    def in_cited_clause(self, sentence: Sentence, clauses: dict[str, list[str]]) -> bool:
        """Whether ``sentence`` lies in a clause the question cites ("khoản 2 Điều 112")."""
        aid = sentence.hit.chunk.article_id
        number = provision.at(self.headings_of(aid), sentence.start) if clauses else None
        if number not in clauses or not self.article_text:
            return False
        key = (aid, number)
        if key not in self._clause_spans:
            text = self.article_text(aid) or ""
            found = (provision.clause(text, self.headings_of(aid), number, item) for item in clauses[number])
            self._clause_spans[key] = [span for span in found if span]
        return any(start <= sentence.start < end for start, end in self._clause_spans[key])

    def absent(self, provisions: list[str], hits: list[Hit], asks_subject: bool) -> str | None:
        """The reply when no text found has an article the question cites: "Văn bản … không có
        Điều 99." when the best passage is a statute's (a text set out in "Điều 1.", "Điều 2.", …,
        whatever its title); with no statute found, only when the question asks what the article
        is about (news may say "theo Điều 5" in passing, and its facts answer without it)."""
        if not hits or not self.article_text or self.having(hits, provisions):
            return None
        if self.headings_of(hits[0].chunk.article_id)[1]:
            return self.lacking([f"Điều {n}" for n in provisions], hits[0])
        asked = ", ".join(f"Điều {n}" for n in provisions)
        return f"Không tìm thấy {asked} trong các văn bản đã đưa vào hệ thống." if asks_subject else None

    def having(self, hits: list[Hit], provisions: list[str]) -> bool:
        """Whether the text of any of ``hits`` has one of the statute articles ``provisions``."""
        return any(set(provisions) & set(self.headings_of(h.chunk.article_id)[1]) for h in hits)

    @staticmethod
    def lacking(missing: list[str], hit: Hit) -> str:
        """The reply naming the statute articles (or clauses) ``hit``'s text does not have."""
        return f"Văn bản “{hit.chunk.title}” không có {', '.join(missing)}."

    def subject(self, question: str, hits: list[Hit], provisions: list[str],
                clauses: dict[str, list[str]]) -> Answer | None:
        """What the statute articles cited are about: each one quoted from its heading on (up
        to three, in the question's order; a long article up to a line end near 1,500
        characters; a clause cited, "Khoản 2 Điều 113 quy định gì?", whole), the first
        heading's title the short answer. Articles or clauses the text lacks are named after
        the quotes ("Văn bản … không có Điều 5."); with nothing to quote, a clause its article
        lacks is the reply (with how many the article has), and otherwise the sentences answer."""
        quoted, missing, counts, articles = [], [], [], 0
        for number in provisions:
            for item in clauses.get(number) or [None]:
                place, count = self._place(hits, number, item)
                articles += count is not None
                if place:
                    quoted.append(place)
                    continue
                missing.append(f"khoản {item} Điều {number}" if item else f"Điều {number}")
                if item and count:
                    counts.append(f"Điều {number} có {count} khoản.")
        if not quoted and not articles:
            return None  # no text kept has the article (scope left it out): the sentences answer
        note = " ".join([self.lacking(missing, quoted[0][0] if quoted else hits[0]), *counts]) if missing else None
        if not quoted:
            return Answer(question, note, [], True, status="not_found", note=note)
        citations = [replace(article_citation(hit, text, start, end, start), number=k)
                     for k, (hit, text, start, end, _) in enumerate(quoted[: self.max_sources], 1)]
        _, text, _, _, title = quoted[0]
        # A heading written on two lines ("Điều 5.\nPhạm vi …") has no title on its own; a
        # clause says too much to be a short answer.
        short = ShortAnswer(text[title[0]:title[1]], title[0], title[1], "subject", basis="heading") \
            if title and title[1] > title[0] else None
        reply = paragraphs(citations)
        # The note stands apart from the quotes: it says what is not there, they what is.
        return Answer(question, f"{reply}\n\n{note}" if note else reply, citations, False, short_answer=short, note=note)

    def _place(self, hits: list[Hit], number: str, item: str | None) -> tuple[tuple | None, int | None]:
        """``(hit, text, start, end, (title_start, title_end))`` of article ``number`` from its
        heading on (or of its clause ``item``, with no title) in the first of ``hits`` whose
        text has it, or ``None``; and, when it is not found, how many clauses the article has
        in the texts that have it (``None``: none has it)."""
        count = None
        for hit in hits:
            text = self.article_text(hit.chunk.article_id) if self.article_text else None
            heads = self.headings_of(hit.chunk.article_id) if text else None
            if not heads or number not in heads[1]:
                continue
            if item is None:
                _, heading_end, title_start = provision.heading(text, heads, number)
                start, end = provision.body(text, heads, number)
                return (hit, text, start, end, (title_start, heading_end)), None
            found = provision.clause(text, heads, number, item)
            if found:
                return (hit, text, *found, None), None
            count = max(count or 0, provision.items(text, heads, number))
        return None, count
