"""Optional generated answers: an OpenAI-compatible model writes, a verifier checks every citation.

Off unless ``RAG_LLM_URL`` is set. ``client`` streams chat completions over httpx,
``prompt`` numbers the passages and instructs the model, ``verify`` keeps only the
sentences the cited passages support, ``generator`` runs the steps and falls back to the
extractive answer whenever the model cannot be trusted or reached.
"""

from rag.generate.client import ChatClient, LLMError
from rag.generate.generator import Delta, Final, GeneratedAnswer, GeneratedCitation, Generator, Sources, extractive
from rag.generate.prompt import NO_ANSWER, Passage
from rag.generate.verify import Verification, verify

__all__ = ["ChatClient", "Delta", "Final", "GeneratedAnswer", "GeneratedCitation", "Generator", "LLMError",
           "NO_ANSWER", "Passage", "Sources", "Verification", "extractive", "verify"]
