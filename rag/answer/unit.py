"""What is quoted around the best sentence: answer units kept whole.

A sentence ending in ":" comes with its list items (read on past the chunk's end in the
article's text), an item asked for in its lead's words with that lead, a list announced
inside a sentence ("… như sau: …") with the rest of its paragraph, and otherwise the best
sentence with the neighbour that completes it.
"""

from __future__ import annotations

from rag.answer.layout import ARTICLE_HEADING, INLINE_LEAD, caption
from rag.answer.sentences import Sentence
from rag.answer.span import LIST_ITEM, item_level, syllables
from rag.text import sentence_spans


def unit(best: Sentence, sentences: list[Sentence], listing: str | None = None, article_text=None,
         max_sentences: int = 2) -> list[Sentence]:
    """The best sentence with what completes it: the list a ':' opens, or a nearby sentence.

    A question usually echoes the sentence that sets the scene, and the answer often
    sits in a sentence next to it, so a second sentence is quoted (up to ``max_sentences``
    = 1 keeps it alone): the better-scoring of the next, the previous and the one after
    next (the quote then spans the middle one), or, when the question asks for a date, a
    count, a name or a quotation and the best sentence holds none, the nearest one that does
    (up to three away). The quote is the verbatim stretch from one to the other. A sentence
    ending in ':' is quoted with its items. ``listing`` is the question when it asks for a
    list; ``article_text`` (article id → text, or None) reads on past the chunk.
    """
    same = [s for s in sentences if s.hit is best.hit]
    i = next(k for k, s in enumerate(same) if s.start == best.start)
    asked = syllables(listing) if listing else set()
    if listing and LIST_ITEM.match(best.text) and ":" not in best.text:  # "d) … bao gồm: …" lists itself
        # Asked "những việc gì" in the lead's words ("… yêu cầu các chi bộ thực hiện …"), an
        # item is answered with its lead and every item under it (the lead's own first item,
        # in the chunk before, had been left out); asked in the item's own words, the item.
        lead = _lead_of(best, article_text)
        if lead and len(asked & syllables(lead.text)) > len(asked & syllables(best.text)):
            best = lead
    if listing and INLINE_LEAD.search(best.text) and not LIST_ITEM.match(best.text):
        # "… các giải pháp chủ yếu như sau: Bám sát …. Đổi mới …. …": the list runs on in
        # the sentences of the same paragraph (the quote had stopped at the second).
        rest = _paragraph_after(best, article_text)
        if rest:
            return [best, *rest]
    if best.text.rstrip().endswith(":") or ARTICLE_HEADING.match(best.text):  # a heading leads its clauses
        items = list_items(best, sentences, article_text)
        if items:
            return [best, *items]
    if max_sentences < 2:
        return [best]
    near = [same[k] for k in (i + 1, i - 1, i + 2, i - 2, i + 3) if 0 <= k < len(same)]
    fitting = [s for s in near if s.fits]
    if not best.fits and fitting:  # none fit when the question names no kind (nor asks an aim)
        other = fitting[0]
    else:
        # After first on a tie; the sentence after next too (chosen on the dev split: +2.8
        # points of answers containing the gold on XQuAD-vi), the quote then spanning both.
        # A photo's caption ("Đồng chí … chủ trì buổi làm việc", no full stop) completes nothing.
        neighbours = [same[k] for k in (i + 1, i - 1, i + 2) if 0 <= k < len(same) and not caption(same[k])]
        if not neighbours:
            return [best]
        other = max(neighbours, key=lambda s: s.score)
    return [s for s in same if min(best.start, other.start) <= s.start <= max(best.start, other.start)]


def _paragraph_after(lead: Sentence, article_text, limit: int = 10) -> list[Sentence]:
    """The sentences after ``lead`` in its paragraph of the article's text (at most ``limit``)."""
    text = article_text(lead.hit.chunk.article_id) if article_text else None
    if text is None:
        return []
    found, end = [], lead.end
    for s, e in sentence_spans(text[lead.end : lead.end + 6000], lead.end):
        if "\n" in text[end:e] or len(found) == limit:
            break
        found.append(Sentence(lead.hit_rank, lead.hit, s, e, text[s:e], set()))
        end = e
    return found


def _lead_of(item: Sentence, article_text) -> Sentence | None:
    """The sentence ending in ':' that opens the list ``item`` is in (read back over the
    items before it in the article's text), or ``None``."""
    text = article_text(item.hit.chunk.article_id) if article_text else None
    if text is None:
        return None
    back = max(0, item.start - 6000)
    before = list(sentence_spans(text[back : item.start], back))
    for s, e in reversed(before):
        piece = text[s:e]
        if LIST_ITEM.match(piece) and item_level(piece) == item_level(item.text):
            continue
        return Sentence(item.hit_rank, item.hit, s, e, piece, set()) if piece.rstrip().endswith(":") else None
    return None


def list_items(lead: Sentence, sentences: list[Sentence], article_text=None, limit: int = 8) -> list[Sentence]:
    """The list items that follow ``lead`` in its article, read on past the chunk's end
    (from the article's text; without it, from the retrieved chunks only)."""
    text = article_text(lead.hit.chunk.article_id) if article_text else None
    if text is not None:
        article = [Sentence(lead.hit_rank, lead.hit, s, e, text[s:e], set())
                   for s, e in sentence_spans(text[lead.end : lead.end + 6000], lead.end)]
    else:
        article = sorted({s.start: s for s in sentences if s.hit.chunk.article_id == lead.hit.chunk.article_id
                          and s.start > lead.start}.values(), key=lambda s: s.start)
    items, end, level = [], lead.end, None
    for s in article:
        if not LIST_ITEM.match(s.text) or s.start - end > 2:
            break
        # Items "a) … đ)" end where the next numbered clause "3. …" starts: a marker of a
        # higher level than the first item's opens the next provision, not another item.
        own = item_level(s.text)
        level = own if level is None else level
        if own > level:
            break
        items.append(s)
        end = s.end
    return items[:limit]
