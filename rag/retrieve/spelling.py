"""Questions as staff type them: without tone marks, with the other i/y spelling, in lower case.

"co bao nhieu dang vien du dai hoi" is what staff type on a phone without a Vietnamese
keyboard. Unmarked, its words match no article word and e5 reads it poorly, so the question
found nothing. Each run of up to four unmarked syllables is read as the most frequent word of
the index that folds to it (longest run first, so "dai hoi" is "đại hội" before "dai" alone
is weighed), which is the index's own spelling of its names ("Lang Son" → "Lạng Sơn").
A syllable spelled with "i" where the articles write "y" ("nhiệm kì", "quản lí") or the
other way round is written as they do. A province typed in lower case ("sở gdđt trà vinh") is
written as a name again, so that pyvi reads it as one word, as it reads the articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from rag.clean.metadata import PROVINCE, PROVINCES, SURNAMES
from rag.clean.normalize import fold_marks

_WORD = re.compile(r"[A-Za-z]+")
_LONGEST = 4  # syllables in the longest word pyvi joins that is worth matching whole
_MIN_KNOWN = 0.7  # share of a question's words the index must know: English is left alone


def spellings(words: Iterable[tuple[str, int]]) -> dict[str, str]:
    """``{folded word: the index's most frequent word that folds to it}``, words as pyvi joins
    them ("đảng_viên"), from ``(word, document frequency)`` pairs. A word whose syllables end in
    "i" or "y" is found by the other spelling too ("nhiem_ki" is "nhiệm_kỳ"). A syllable seen
    alone far more rarely than inside joined words is spelled as those words spell it (a typo
    alone, "chưc", is not "chuc")."""
    best: dict[str, tuple[int, str]] = {}
    inside: dict[str, Counter] = {}  # each syllable of joined words, by how often it occurs so
    for word, df in words:
        if not any(ch.isalpha() for ch in word):
            continue
        key = fold_marks(word)
        if key not in best or df > best[key][0]:
            best[key] = (df, word)
        for syllable in word.split("_") if "_" in word else ():
            inside.setdefault(fold_marks(syllable), Counter())[syllable] += df
    for key, counts in inside.items():
        # A page's typo standing alone ("tổ chưc") is not how the index spells the syllable it
        # writes everywhere inside words ("tổ_chức", "chức_vụ"): "chuc" had been read "chưc".
        syllable, df = counts.most_common(1)[0]
        if key in best and best[key][1] != syllable and best[key][0] * _TYPO_RATIO < df:
            best[key] = (df, syllable)
    known = {key: word for key, (_, word) in best.items()}
    for key, word in list(known.items()):
        known.setdefault(_FOLDED_I_Y.sub(lambda m: m.group(1) + ("y" if m.group(2) == "i" else "i"), key), word)
    return known


_TYPO_RATIO = 5  # a lone spelling this many times rarer than the syllable inside words is a typo


# The consonants a syllable opens with, before an "i" or "y" that is spelled both ways.
_ONSET = r"(ngh|ch|gh|kh|nh|ng|ph|th|tr|qu|[bcdđghklmnpqrstvx])"
_FOLDED_I_Y = re.compile(rf"(?<![a-z]){_ONSET}([iy])(?![a-z])")


# How questions ask, which articles seldom say: read so before the index's guess ("bao nhieu"
# is "bao nhiêu", not the "bão" and "nhiều" an index of news would pick one by one).
_ASKING = {fold_marks(w): w for w in (
    "bao_nhiêu", "bao_giờ", "khi_nào", "lúc_nào", "ở_đâu", "tại_sao", "vì_sao", "thế_nào", "như_thế_nào",
    "ra_sao", "là_gì", "là_ai", "ngày_nào", "năm_nào", "tháng_nào", "có_mấy", "bao_lâu", "gì", "ai", "nào",
    "không", "có", "là", "của", "được", "những", "các", "và", "với", "cho", "hiện_nay", "hôm_nay", "diễn_ra",
    "tổ_chức", "tham_dự", "thì_sao", "còn_ở", "còn",
    # polite leads and small talk, so that they are recognised and set aside as marked ones are
    "cho_tôi_biết", "cho_tôi_hỏi", "cho_mình_hỏi", "cho_mình_biết", "cho_em_hỏi", "bạn_có_biết", "xin_hỏi",
    "xin_chào", "chào_bạn", "cảm_ơn", "cám_ơn", "cảm_ơn_bạn", "tạm_biệt", "bạn_là_ai",
    # "when was it published" (about.asks_published) and parts of a year (question.periods)
    "được_đăng_ngày_nào", "được_đăng_khi_nào", "đăng_ngày_nào", "đăng_khi_nào", "ngày_đăng", "học_kỳ",
    "tháng_đầu_năm", "tháng_cuối_năm",
    # a person pointed back at (rag.followup): "co ay co phai …" is "cô ấy có phải …", never "có"
    "ông_ấy", "bà_ấy", "cô_ấy", "thầy_ấy", "anh_ấy", "chị_ấy")}
_ASKING["hoc_ki"] = "học_kỳ"
# Not "đang" ("dang" is "Đảng" here), "hỏi" ("hội"), "thì" ("thi"), "bạn" ("Ban"): the index decides.
# Provinces too, typed as names ("Binh Dinh", not "dien bien", which may be "diễn biến"): a question
# about one no article covers must still name it, to be told so.
_PROVINCE_WORDS = {fold_marks(p.casefold().replace(" ", "_")): p.casefold().replace(" ", "_") for p in PROVINCES}


def _lookup(run: list[re.Match], known: dict[str, str]) -> str | None:
    """The index's word for ``run`` of typed syllables (asking words and provinces first)."""
    key = "_".join(fold_marks(w.group(0)).lower() for w in run)
    if _FOREIGN.search(key):  # f, j, w, z are not Vietnamese letters: "phone", "have" stay
        return None
    if key in _PROVINCE_WORDS and all(w.group(0)[:1].isupper() for w in run):
        return _PROVINCE_WORDS[key]
    return _ASKING.get(key) or known.get(key)


def _unmarked(text: str) -> bool:
    return all(ch.isascii() for ch in text if ch.isalpha())  # "…", "–", "？" are no marks


def restore(question: str, known: dict[str, str]) -> str:
    """``question`` with its marks put back when it has none (a question with any mark, or
    with too few words the index knows, is returned as it is)."""
    if not _unmarked(question):
        return question
    words = list(_WORD.finditer(question))
    done: dict[int, str] = {}
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            run = words[i : i + n]
            marked = _lookup(run, known) if _adjacent(question, run) else None
            if marked:
                done.update({i + k: _cased(syllable, w.group(0))
                             for k, (w, syllable) in enumerate(zip(run, marked.split("_")))})
                i += n
                break
        else:
            i += 1
    if not words or len(done) < _MIN_KNOWN * len(words):
        return question
    # "quy 3" is a quarter: "quý" before its number, not "quy" or "quỹ".
    return _QUARTER.sub(lambda m: _cased("quý", m.group(0)), _rewritten(question, words, done))


def _adjacent(question: str, run: list[re.Match]) -> bool:
    """Whether the typed words of ``run`` stand one space apart, as one word's syllables do."""
    return all(question[a.end() : b.start()] == " " for a, b in zip(run, run[1:]))


def _rewritten(question: str, words: list[re.Match], done: dict[int, str]) -> str:
    """``question`` with typed word ``k`` of ``words`` written ``done[k]``."""
    out, last = [], 0
    for k, w in enumerate(words):
        if k in done:
            out.append(question[last : w.start()] + done[k])
            last = w.end()
    return "".join(out) + question[last:]


_FOREIGN = re.compile(r"[fjwz]")
_QUARTER = re.compile(r"(?<!\w)(?:quy|quỹ|qui)(?=\s+(?:IV|I{1,3}|[1-4])(?!\w))", re.IGNORECASE)


def _cased(syllable: str, typed: str) -> str:
    """``syllable`` in the case the user typed it: "GDDT" → "GDĐT", "Lang" → "Lạng"."""
    if typed.isupper() and len(typed) > 1:
        return syllable.upper()
    return syllable[:1].upper() + syllable[1:] if typed[:1].isupper() else syllable


_CANONICAL = {p.casefold(): p for p in PROVINCES}
_ALSO_WORDS = {"hòa bình", "hoà bình", "thái bình"}  # "hòa bình" is also "peace"


# A syllable ending in "i" or "y" after its consonants is spelled both ways ("nhiệm kì"/"nhiệm kỳ",
# "quản lí"/"quản lý", "mĩ thuật"/"mỹ thuật", "chiến sỹ"/"chiến sĩ"); the articles use one.
_I_Y = re.compile(rf"(?<!\w){_ONSET}([iíìỉĩịyýỳỷỹỵ])(?!\w)", re.IGNORECASE)
_SWAP = dict(zip("iíìỉĩịyýỳỷỹỵIÍÌỈĨỊYÝỲỶỸỴ", "yýỳỷỹỵiíìỉĩịYÝỲỶỸỴIÍÌỈĨỊ"))


def same_spelling(question: str, syllables: set[str]) -> str:
    """``question`` with each i/y syllable the index never writes in the spelling it does."""
    def swap(m: re.Match) -> str:
        other = m.group(1) + _SWAP[m.group(2)]
        return other if m.group(0).lower() not in syllables and other.lower() in syllables else m.group(0)
    return _I_Y.sub(swap, question)


_WORD_RUN = re.compile(r"[^\W\d_]+")


def _slip(word: str, syllables: set[str]) -> bool:
    """Whether ``word`` may be a slip the index's words can mend: a syllable the index never
    writes ("Dại hội", "Đại hôi", "dai hoi"); whether it is one, the words around it decide."""
    return word.lower() not in syllables


def _same_but_slips(typed: str, word: str, slip: bool = True) -> bool:
    """Whether ``typed`` is ``word`` with marks left out or "d" for "đ", and nothing else: its
    tone left out ("hôi" for "hội") if it is a ``slip`` (a syllable the index never writes),
    else only all its marks ("hoi") or none."""
    if fold_marks(typed).lower() != fold_marks(word).lower():
        return False
    if typed.isascii():
        return True  # no marks at all ("hoi"), whether a slip or a word the index also writes
    typed, word = typed.lower(), word.lower()
    if typed[:1] == "d" and word[:1] == "đ":
        typed = "đ" + typed[1:]
    if not slip:
        return typed == word
    # A tone left out ("hôi" for "hội"), never a vowel of its own: "nhũng" is not "những".
    (base, tone, vowel), (word_base, word_tone, word_vowel) = _parts(typed), _parts(word)
    return base == word_base and vowel == word_vowel and tone in ("", word_tone)


_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # huyền, sắc, hỏi, ngã, nặng


def _parts(text: str) -> tuple[str, str, str]:
    """``text``'s letters, its tone marks and its vowels' own marks (circumflex, breve, horn)."""
    letters = unicodedata.normalize("NFD", text)
    marks = [ch for ch in letters if unicodedata.combining(ch)]
    return ("".join(ch for ch in letters if not unicodedata.combining(ch)),
            "".join(m for m in marks if m in _TONES), "".join(m for m in marks if m not in _TONES))


def restore_words(question: str, known: dict[str, str], syllables: set[str]) -> str:
    """A marked question with slips ("Giám đốc Sở Tra Vinh la ai", "Lang Sơn", "Dại hội", "6 tháng
    dầu năm"): a word the index never writes is read, with the words around it (up to three before
    and after), as the index's word of two or more syllables that folds to them, each word the
    user typed right kept as typed. A lone syllable is not guessed: "La" of "Sơn La", "tai" of
    "thiên tai" may be right as they stand."""
    words = list(_WORD_RUN.finditer(question))
    slips = [_slip(w.group(0), syllables) and not _FOREIGN.search(w.group(0).lower()) for w in words]
    done: dict[int, str] = {}
    for i, slip in enumerate(slips):
        if not slip or i in done:
            continue
        best = None
        for n in range(_LONGEST, 1, -1):
            for a in range(max(0, i - n + 1), min(i, len(words) - n) + 1):
                run = words[a : a + n]
                if not _adjacent(question, run) or any(k in done for k in range(a, a + n)):
                    continue
                marked = (_lookup(run, known) or "").split("_")
                # Only a slip may gain marks: "Hoc viên" is "Học viên", never "Học viện".
                if len(marked) == n and all(_same_but_slips(w.group(0), m, slips[a + k])
                                            for k, (w, m) in enumerate(zip(run, marked))):
                    best = (a, marked)
                    break
            if best:
                break
        if best:
            a, marked = best
            for k, syllable in enumerate(marked):
                done[a + k] = _cased(syllable, words[a + k].group(0))
    return _rewritten(question, words, done)


# Initials staff type where the articles write the words ("BTV ĐU Khối" for "Ban Thường vụ Đảng
# ủy Khối", "CBCC" for "cán bộ, công chức"); read out only when the index never writes them.
_INITIALS = {
    "đu": "Đảng ủy", "bch": "Ban Chấp hành", "cbcc": "cán bộ, công chức",
    "ccvc": "công chức, viên chức", "cbccvc": "cán bộ, công chức, viên chức", "ubnd": "Ủy ban nhân dân",
    "hđnd": "Hội đồng nhân dân", "gv": "giáo viên", "tw": "Trung ương", "sgk": "sách giáo khoa",
    "cntt": "công nghệ thông tin", "nlđ": "người lao động", "lđxs": "Lao động xuất sắc", "lđtt": "Lao động tiên tiến",
    "cstđ": "Chiến sĩ thi đua", "bgdđt": "Bộ Giáo dục và Đào tạo", "pgdđt": "Phòng Giáo dục và Đào tạo",
    "thpt": "trung học phổ thông", "thcs": "trung học cơ sở", "đtn": "Đoàn Thanh niên",
}  # not "CĐ" (cao đẳng or Công đoàn), "HS" (học sinh or hồ sơ)
_INITIALS_RE = re.compile(r"(?<![\w&])(" + "|".join(sorted(_INITIALS, key=len, reverse=True)) + r")(?![\w&])", re.IGNORECASE)


def read_out(question: str, syllables: set[str]) -> str:
    """``question`` with the initials the index never writes read out, when it writes the words."""
    def expand(m: re.Match) -> str:
        words = _INITIALS[m.group(0).lower()]
        said = all(w in syllables for w in words.lower().replace(",", "").split())
        typed_as_initials = m.group(0).isupper()  # "Đu đủ" is a fruit
        return words if typed_as_initials and m.group(0).lower() not in syllables and said else m.group(0)
    return _INITIALS_RE.sub(expand, question)


_FOLDED_PROVINCE = re.compile(r"(?<![a-z])(" + "|".join(sorted({re.escape(fold_marks(p).lower()) for p in PROVINCES},
                                                                   key=len, reverse=True)) + r")(?![a-z])")
_BY_FOLD = {fold_marks(p).lower(): p for p in PROVINCES if p.casefold() not in _ALSO_WORDS}


def _provinces_marked(question: str) -> str:
    """A province typed with some marks missing ("Tra Vinh", "Soc Trăng") written as its name,
    where every letter typed is the name's or the name's without its mark."""
    folded = fold_marks(question).lower()
    if len(folded) != len(question):  # not one letter for one letter: leave it
        return question
    out, last = [], 0
    for m in _FOLDED_PROVINCE.finditer(folded):
        name, typed = _BY_FOLD.get(m.group(0)), question[m.start() : m.end()]
        as_name = all(w[:1].isupper() for w in typed.split())  # "hai phòng học" is two rooms
        if name and as_name and typed.casefold() != name.casefold() and all(
                t.lower() == n.lower() or (t.isascii() and fold_marks(n).lower() == t.lower()) for t, n in zip(typed, name)):
            out.append(question[last : m.start()] + name)
            last = m.end()
    return "".join(out) + question[last:]


def _mostly_unmarked(question: str, syllables: set[str]) -> bool:
    """Whether a question with some marks was typed mostly without, or with the wrong ones:
    three or more of its words, and 30 % or more, are no syllable the index writes, one at least
    typed with no mark ("Đai hôi Đang bộ Sơ GDĐT Lang Sơn co bao nhiêu chi bô?"), so its marks
    are no surer than their absence."""
    words = [w for w in _WORD_RUN.findall(question) if not (w.isupper() and len(w) > 1)]  # not "GDĐT"
    unknown = [w for w in words if w.lower() not in syllables]
    return len(unknown) >= _MIXED_WORDS and len(unknown) >= _MIXED_SHARE * len(words) \
        and any(w.isascii() for w in unknown)


_MIXED_WORDS, _MIXED_SHARE = 3, 0.3


def _restore_mixed(question: str, known: dict[str, str]) -> str:
    """``question`` read as if typed with no marks (:func:`restore`), each word the index's
    reading of it in context where that only adds to the marks typed."""
    folded = fold_marks(question)
    if len(folded) != len(question):  # not one letter for one letter: leave it
        return question
    restored = restore(folded, known)
    if restored == folded or len(restored) != len(question):
        return question
    out, last = [], 0
    for typed, new in zip(_WORD_RUN.finditer(question), _WORD_RUN.finditer(restored)):
        # A word it cannot read (left folded) stays as typed, and a marked one gains only a tone
        # ("Đang" is "Đảng" here, "nhũng" stays: "những" would be another vowel).
        keep = not _same_but_slips(typed.group(0), new.group(0))
        out.append(question[last:typed.start()] + (typed.group(0) if keep else new.group(0)))
        last = typed.end()
    return "".join(out) + question[last:]


_FAMILY = SURNAMES - {"văn"}  # a middle name's syllable, and the "văn" of "văn hóa", opens no name


def _names_capitalised(question: str, spellings: Callable[[], dict[str, str]]) -> str:
    """A person's name typed in lower case ("bà hà thị khánh vân trình bày …") written with
    capitals, when the index has it as one word of three or four syllables opening with a
    surname: pyvi cuts a name typed so otherwise than the articles' and the question found
    nothing (a staff user's pass: asked so, with or without marks, it was refused)."""
    words = list(_WORD_RUN.finditer(question))
    if not any(w.group(0) in _FAMILY for w in words[:-2]):
        return question
    known, done, i = spellings(), {}, 0
    while i < len(words):
        for n in range(_LONGEST, 2, -1):
            run = words[i : i + n]
            typed = "_".join(w.group(0) for w in run)
            if len(run) == n and run[0].group(0) in _FAMILY and typed.islower() and _adjacent(question, run) \
                    and known.get(fold_marks(typed)) == typed:
                done.update({i + k: w.group(0)[:1].upper() + w.group(0)[1:] for k, w in enumerate(run)})
                i += n
                break
        else:
            i += 1
    return _rewritten(question, words, done) if done else question


def readable(question: str, spellings: Callable[[], dict[str, str]], syllables: Callable[[], set[str]]) -> str:
    """``question`` as the index spells it: marks put back (:func:`restore`, :func:`restore_words`),
    its i/y and đ spelling the index's (:func:`same_spelling`), initials read out (:func:`read_out`),
    provinces and names the index has whole capitalised. ``spellings()`` is asked for only when a
    word lacks its marks or a name may be typed in lower case."""
    known = syllables()
    if _unmarked(question):
        question = restore(question, spellings())
    elif _mostly_unmarked(question, known):
        question = _restore_mixed(question, spellings())
    else:
        if any(_slip(w, known) for w in _WORD_RUN.findall(question)):
            question = restore_words(question, spellings(), known)
        question = same_spelling(question, known)
    question = _names_capitalised(_provinces_marked(read_out(question, known)), spellings)
    return PROVINCE.sub(lambda m: _CANONICAL.get(m.group(0).casefold(), m.group(0))
                         if m.group(0).islower() and m.group(0) not in _ALSO_WORDS else m.group(0), question)
