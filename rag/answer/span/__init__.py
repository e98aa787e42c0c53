"""The short answer: the exact span of the quoted sentence that answers the question.

No reader model runs offline here, so the span is found the way a careful reader skims:
the kind of answer the question asks for (a date, a count with its unit, a person, a place,
a quotation, a definition, a list) is looked for in the sentence, next to the words the
question shares with it; for an open question, the stretch of the sentence that the
question does not already say, beside the words it does say, fills the question's gap.

One module per kind of span (``dates``, ``numbers``, ``names``, ``phrases``, ``confirm`` for
yes/no questions and ``verdict`` for those about a named person's post, ``cause`` for why and
on what grounds), ``edges`` for where a span starts and ends, ``finder`` choosing among them; ``base`` holds what they share.
"""

from rag.answer.span.base import ShortAnswer, syllables
from rag.answer.span.confirm import asks_anyone, asks_yes_no, yes_no_tail
from rag.answer.span.verdict import claimed_person, holds_post, of_department
from rag.answer.span.dates import dated_as_asked, names_day
from rag.answer.span.finder import find, fits
from rag.answer.span.names import asks_who_does, part_said, person_names, post_asked, post_held
from rag.answer.span.numbers import ASKS_ORDINAL, ASKS_PERCENT, NUMBER_WORDS, counted
from rag.answer.span.phrases import LIST_ITEM, asks_day_part, asks_purpose, item_level, labelled_item

__all__ = [
    "ASKS_ORDINAL", "ASKS_PERCENT", "LIST_ITEM", "NUMBER_WORDS", "ShortAnswer", "asks_anyone", "asks_day_part", "asks_who_does",
    "asks_purpose", "asks_yes_no", "claimed_person",
    "counted", "dated_as_asked", "find", "fits", "holds_post", "item_level", "labelled_item", "names_day",
    "of_department", "part_said", "person_names", "post_asked", "post_held", "syllables", "yes_no_tail",
]
