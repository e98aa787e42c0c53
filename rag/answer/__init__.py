"""Answer: quote the sentences of the evidence that answer, with the short answer, or abstain.

``answerer`` runs the step; ``question`` reads what a question asks for and pins down,
``scope`` checks the evidence states it, ``sentences`` scores the sentences (reading their
``layout``, and a statute's articles with ``statute``), ``unit`` says what is quoted with the
best one, ``span`` finds the short answer, ``chitchat`` replies to small talk; ``reply`` holds
what is returned.
"""

from rag.answer.answerer import Answerer, AnswerPolicy
from rag.answer.reply import NOT_FOUND, Answer, Citation
from rag.answer.sentences import chunk_words
from rag.answer.span import ShortAnswer

__all__ = ["NOT_FOUND", "Answer", "Answerer", "AnswerPolicy", "Citation", "ShortAnswer", "chunk_words"]
