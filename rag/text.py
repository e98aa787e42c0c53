"""Vietnamese word segmentation for BM25 and sentence splitting for answers."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata

_TOKEN = re.compile(r"\w+", re.UNICODE)
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
# A sentence ends at . ! ? … followed by space and a capital, digit, quote or dash; or a
# line break. Abbreviations such as "TP. Hồ Chí Minh" or "PGS.TS. Nguyễn" are kept whole.
# Whether the next letter is a capital is asked of str.isupper (see _starts_sentence): in
# Unicode, Vietnamese capitals and small letters alternate ("Ạ" U+1EA0, "ạ" U+1EA1), so a
# range such as [À-Ỹ] held both, and "Ông nói… đó là …" was cut before "đó".
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(\-–]?(\w))|\n+")
# Bump when sentence_spans cuts differently: an index whose manifest records an older value
# is rebuilt on the next ingest, as its stored sentence vectors follow the old cut.
# 2: a clause's number ("2.", "Điều 13.") no longer stands as a sentence of its own.
# 3: a line break after a full stop always ends the sentence ("… sư phạm.\na) Hình thức thi: …").
SENTENCE_RULES = 3
# A piece that is nothing but a clause's number ("2." of "2. Hệ thống hồ sơ …", "a.", "IV.",
# "Điều 13." of "Điều 13. Hồ sơ …") is part of the clause that follows, not a sentence of its own.
_CLAUSE_NUMBER = re.compile(r"\s*(?:(?:Điều|Chương|Mục|Phần)\s+)?(?:\d{1,3}[a-zđ]?(?:\.\d{1,3})*|[a-zđ]|[IVXLC]{1,6})\.")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|KS|CN|Th|St|Mr|Mrs|Dr|Q|P|v\.v)\.|\b[A-ZĐ]\.)$")

# Where what a quote says of a name ends: a stop, a semicolon or a line break, then a space or
# the end (looser than sentence_spans' cut: "1.200", "TP.HCM" end nothing here either).
STATEMENT_END = re.compile(r"[.;!?\n](?:\s|$)")


def _opened(tool):
    """``tool`` (a pyvi class) with its CRF opened and the temp copy of its model removed."""
    model = getattr(tool, "model", None)
    resource = getattr(model, "modelfile", None)
    if resource is not None and getattr(resource, "auto", False) and resource.name:
        model.tagger_  # noqa: B018 - loads the model into memory
        resource.cleanup()
    return tool


def _pyvi():
    """pyvi's tokenizer, loaded once, without leaving its model in the temp folder.

    pyvi unpickles a sklearn-crfsuite CRF, whose FileResource writes the model to a new
    ``model*.crfsuite`` temp file in every process and deletes it only from ``__del__``,
    which does not run for a class attribute alive until interpreter exit: 637 KB left
    per process. crfsuite reads the whole file when the tagger opens, so the tagger is
    opened at once and the file removed.
    """
    from pyvi.ViTokenizer import ViTokenizer

    return _opened(ViTokenizer)


_load_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _loaded():
    # lru_cache lets two threads in at once: a rebuild and an /ask segmenting for the first
    # time both opened the tagger, and one removed the temp file the other was opening.
    with _load_lock:
        return _pyvi()


@functools.lru_cache(maxsize=1)
def _tagger():
    with _load_lock:
        from pyvi.ViPosTagger import ViPosTagger

        return _opened(ViPosTagger)


@functools.lru_cache(maxsize=256)
def _pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    words, tags = _tagger().postagging(_tokenizer().tokenize(unicodedata.normalize("NFC", text)))
    return tuple((w.lower(), t) for w, t in zip(words, tags) if _TOKEN.search(w))


def pos_tags(text: str) -> list[tuple[str, str]]:
    """pyvi's words of ``text``, lower-cased and joined as :func:`segment` joins them (but
    with punctuation at their edges left on), with their part-of-speech tags ("N" noun, "A"
    adjective, "V" verb, "Np" proper noun, …)."""
    return list(_pos_tags(text))


def _tokenizer():
    """pyvi's tokenizer, loaded once per process, whatever the number of threads."""
    return _loaded()


def segment(text: str) -> list[str]:
    """Lower-cased Vietnamese words ("giáo_dục") for lexical matching; punctuation dropped."""
    # The answer step reads the same question several times (its kind, its post, what it
    # counts): pyvi's CRF costs ~0.3 ms a call, so short texts are remembered.
    if len(text) <= _CACHED_LENGTH:
        return list(_segment_short(text))
    return _segment(text)


_CACHED_LENGTH = 300


def joins(word: str, following: str) -> bool:
    """Whether pyvi reads ``word`` and the lower-case ``following`` syllable as one word:
    "chuyên" + "môn" ("chuyên_môn"), "Chương" + "trình"; not "Obama" + "đã"."""
    return following.islower() and len(segment(f"{word} {following}")) == 1


@functools.lru_cache(maxsize=1024)
def _segment_short(text: str) -> tuple[str, ...]:
    return tuple(_segment(text))


def _segment(text: str) -> list[str]:
    ViTokenizer = _tokenizer()

    text = unicodedata.normalize("NFC", text)
    words = (_EDGE_PUNCT.sub("", w).lower() for w in ViTokenizer.tokenize(text).split())
    return [w for w in words if _TOKEN.search(w)]


def known_words(terms: list[str], idf, text: str = "") -> list[str]:
    """``terms`` (the words of ``text``) with each word the index has never seen, but whose
    syllables make up words it has, split into those words (longest first).

    pyvi joins more syllables in a short question than in a long sentence: "trực tiếp quản lý"
    is one word in "do cơ quan nào trực tiếp quản lý?" and two ("trực_tiếp", "quản_lý") in the
    statute. Unsplit, the question's word matches nothing and, unseen, weighs as the rarest.
    A word of two syllables ("tỷ giá") is a word pyvi knows, not two glued together, and a name
    ("Hội An", capitalised in ``text``) is a name: both stay whole, as unseen they are the
    evidence that the index does not cover what is asked.
    """
    terms = _joined(terms, idf)
    out = []
    for term in terms:
        syllables = term.split("_")
        if len(syllables) < 3 or idf(term) or _is_name(syllables, text):
            out.append(term)
            continue
        parts, i = [], 0
        while i < len(syllables):
            j = next((j for j in range(len(syllables), i, -1) if idf("_".join(syllables[i:j]))), None)
            if j is None:
                break
            parts.append("_".join(syllables[i:j]))
            i = j
        out.extend(parts if i == len(syllables) else [term])
    return out


def _joined(terms: list[str], idf) -> list[str]:
    """``terms`` with a word the index never has joined to its neighbour where the index has
    the two as one word: "phó" + "bí_thư" of a question in lower case is the index's
    "phó_bí_thư", which unseen would weigh as the rarest word."""
    out, i = [], 0
    while i < len(terms):
        # One of the two unseen, not both: "chu_văn" + "an" unseen together are a name the
        # question spells its own way, whose weight says the index may not cover it.
        if i + 1 < len(terms) and bool(idf(terms[i])) != bool(idf(terms[i + 1])) \
                and idf(f"{terms[i]}_{terms[i + 1]}"):
            out.append(f"{terms[i]}_{terms[i + 1]}")
            i += 2
            continue
        out.append(terms[i])
        i += 1
    return out


def _is_name(syllables: list[str], text: str) -> bool:
    """Whether ``syllables`` are written capitalised in ``text`` ("Hội An", not "hội an")."""
    pattern = r"\s+".join(re.escape(s) for s in syllables)
    return any(all(w[:1].isupper() for w in m.group(0).split())
               for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", unicodedata.normalize("NFC", text), re.IGNORECASE))


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, shifted by ``offset``, spaces trimmed."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        # Within a line a full stop ends a sentence before a capital; a line break always does.
        if m.group(1) and not _starts_sentence(m.group(1)) and "\n" not in m.group(0):
            continue
        if _ABBREV.search(text[start : m.start()]) or _CLAUSE_NUMBER.fullmatch(
                unicodedata.normalize("NFC", text[start : m.start()])):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if e - trail > s + lead:
            result.append((offset + s + lead, offset + e - trail))
    return result


def _starts_sentence(first: str) -> bool:
    """True for the first character of a sentence after . ! ? …: a capital letter or a digit."""
    return first.isupper() or first.isdigit()


def segmented_lines(title: str, text: str) -> str:
    """A chunk's words as stored for BM25: the title's on the first line, then one line per
    sentence of ``text`` (as :func:`sentence_spans` cuts it).

    Segmenting is the slow part of answering (pyvi's CRF, ~1 ms a sentence); done once at
    ingest, the answer step reads each sentence's words instead of segmenting at question time.
    """
    lines = [" ".join(segment(title)) if title else ""]
    lines += [" ".join(segment(text[s:e])) for s, e in sentence_spans(text)]
    return "\n".join(lines)
