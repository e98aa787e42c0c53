"""Answer: quote the sentences of the evidence that answer, with the short answer, or abstain.

``answerer`` runs the step; ``question`` reads what a question asks for and pins down,
``scope`` checks the evidence states it, ``span`` finds the short answer, ``chitchat``
replies to small talk.
"""

from rag.answer.answerer import NOT_FOUND, Answer, Answerer, AnswerPolicy, Citation, chunk_words
from rag.answer.span import ShortAnswer

__all__ = ["NOT_FOUND", "Answer", "Answerer", "AnswerPolicy", "Citation", "ShortAnswer", "chunk_words"]
