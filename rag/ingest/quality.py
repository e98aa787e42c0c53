"""Refuse text that is not an article: control characters, no Vietnamese words, one word repeated.

Such uploads cost minutes of embedding under the index write lock and are then quoted as
answers to nonsense questions (issue 12, item 9).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"\w+")
# Letters only Vietnamese spells with (tone marks, ă â đ ê ô ơ ư), in NFC.
_VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
MIN_VIETNAMESE_WORDS = 3


def degenerate(text: str) -> str | None:
    """Why ``text`` is not an article worth indexing, or ``None`` if it looks like one."""
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in _ALLOWED_CONTROLS), None)
    if bad is not None:
        return f"the text contains a control character (U+{ord(bad):04X}); send plain UTF-8 text"
    words = [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]
    if len(words) >= 20:
        top, count = Counter(words).most_common(1)[0]
        if count > len(words) / 2 or len(set(words)) < len(words) / 50:
            return f"the text repeats the same word ({top!r}) instead of being an article"
    vietnamese = {w for w in words if _VIETNAMESE.search(w)}
    if len(vietnamese) < MIN_VIETNAMESE_WORDS:
        return "the text holds no Vietnamese words; only Vietnamese articles are indexed"
    return None
