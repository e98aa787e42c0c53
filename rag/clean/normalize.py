"""Unicode and Vietnamese spelling normalisation, shared by articles and questions.

Vietnamese text arrives both precomposed (NFC) and decomposed (NFD, common in text copied
from Word or macOS), and with two tone-mark conventions for the clusters oa, oe and uy at
the end of a syllable: "hoà/hòa", "khoẻ/khỏe", "thuỷ/thủy". The same word spelled two ways
is two different strings to BM25 and slightly different vectors to the encoder, so both
articles and questions are brought to one form: NFC, and the tone on the first vowel of
the cluster ("hòa", "khỏe", "thủy"), the form used by most current Vietnamese newspapers.
A following consonant or vowel (hoàn, thuyền, khoèo) fixes the tone's place, so only
syllable-final clusters move; after "q" the "u" is part of the consonant (quý stays).
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_WORD_CHAR = r"[^\W\d_]"
# first vowel, second vowel carrying the tone, then the end of the word.
_CLUSTER = re.compile(rf"(?<!q)(?<!Q)([oOuU])([aAeEyY])([{_TONES}])(?!{_WORD_CHAR}|[\u0300-\u036f])")
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def _move_tone(m: re.Match) -> str:
    first, second, tone = m.groups()
    if (first.lower(), second.lower()) not in _PAIRS:
        return m.group(0)
    return first + tone + second


def normalize_vietnamese(text: str) -> str:
    """NFC with one tone placement; spaces, newlines and letters otherwise untouched."""
    decomposed = unicodedata.normalize("NFD", text)
    # In NFD a vowel's shape mark (circumflex, breve, horn) precedes its tone, so a bare
    # "o"/"u" followed directly by a tone never carries a shape mark: safe to move.
    return unicodedata.normalize("NFC", _CLUSTER.sub(_move_tone, decomposed))


def source_key(source: str | None) -> str | None:
    """An organisation as filters compare it (one tone placement, case-folded)."""
    return normalize_vietnamese(source).casefold() if source else None


def normalize_text(text: str) -> str:
    """Normalise a whole document: Vietnamese spelling, odd spaces, line endings, blank runs."""
    text = normalize_vietnamese(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def normalize_query(text: str) -> str:
    """Normalise a question the same way as the articles it is matched against."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", normalize_vietnamese(text))).strip()


# What a question pasted from a web page or typed on a phone brings along: markup
# ("<script>…</script> Ai là …?") and full-width letters ("Ａｉ là …？").
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^<>]{1,200}>", re.IGNORECASE | re.DOTALL)
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def clean_question(text: str) -> str:
    """A question as typed, without markup or full-width forms, normalised (:func:`normalize_query`),
    chat shorthand written out ("bn chi bộ" → "bao nhiêu chi bộ")."""
    return _SHORTHAND.sub(_written_out, normalize_query(_MARKUP.sub(" ", text.translate(_FULL_WIDTH))))


def _written_out(m: re.Match) -> str:
    # Only typed in lower case: "GD" is the Department's own abbreviation ("Sở GD và ĐT"), "BN 91"
    # a patient; "đc" before a name is "đồng chí" ("đc Hoàng Văn Minh giữ chức vụ gì?").
    typed = m.group(0)
    if not typed.islower():
        return typed
    if typed in ("đc", "dc") and re.match(r"\s+[A-ZĐ]", m.string[m.end():]):
        return "đồng chí"
    return _SHORTHANDS[typed]


# Shorthand staff type in chats, which no article writes; only whole words, and none that an
# article could mean otherwise ("k", "kh", "vs").
_SHORTHANDS = {"bn": "bao nhiêu", "bnh": "bao nhiêu", "bnhiu": "bao nhiêu", "ko": "không", "hok": "không",
               "dc": "được", "đc": "được", "j": "gì", "ntn": "như thế nào", "gd": "giáo dục",
               "bch": "ban chấp hành"}  # typed in lower case; articles write "BCH" or the words
_SHORTHAND = re.compile(r"(?<![\w/.&-])(?:" + "|".join(_SHORTHANDS) + r")(?![\w/.&-])", re.IGNORECASE)


_DASH = re.compile(r"\s*[-–—]\s*")


def fold(text: str) -> str:
    """A form for comparing phrases, not for showing: normalised as a question is, lower case,
    one space between words, every dash as "-" ("Lao động – Thương binh" is "lao động-thương binh")."""
    return " ".join(_DASH.sub("-", normalize_query(text)).casefold().split())


def fold_marks(text: str) -> str:
    """``text`` without tone and vowel marks, "đ" as "d": "Đảng viên" → "Dang vien"."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return plain.replace("đ", "d").replace("Đ", "D")
