"""Chunk, the third stage: articles → overlapping passages, each with what it is indexed under.

Chunks are cut with langchain-text-splitters, sized in the embedding model's own tokens.
Each becomes a :class:`Passage`: the text embedded (title + chunk), the words BM25 and the
answer step read, and its sentences (embedded one by one for the answer step). Next stage:
:mod:`rag.embed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.documents import Article, Chunk
from rag.text import segmented_lines, sentence_spans

# Paragraphs first, then Vietnamese sentence ends, then clause marks, then words.
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "… ", "; ", ": ", ", ", " ", ""]


class Chunker:
    """Splits an article into overlapping chunks with character offsets into its text."""

    def __init__(self, count_tokens, chunk_tokens: int, overlap: int):
        self.splitter = RecursiveCharacterTextSplitter(
            separators=SEPARATORS, keep_separator="end", chunk_size=chunk_tokens,
            chunk_overlap=min(overlap, chunk_tokens // 2), length_function=count_tokens,
            add_start_index=True, strip_whitespace=True,
        )

    @classmethod
    def for_model(cls, embedder, chunk_tokens: int, overlap: int) -> "Chunker":
        """A chunker counting ``embedder``'s tokens, never over what the model reads at once."""
        return cls(embedder.count_tokens, min(chunk_tokens, embedder.max_tokens), overlap)

    def split(self, article: Article) -> list[Chunk]:
        """Chunks of ``article`` such that ``chunk.text == article.text[chunk.start:chunk.end]``."""
        chunks = []
        for doc in self.splitter.create_documents([article.text]):
            start = doc.metadata["start_index"]
            if start < 0:  # the splitter could not locate the piece; find it ourselves
                start = article.text.find(doc.page_content)
            chunks.append(Chunk(article.id, len(chunks), start, start + len(doc.page_content), doc.page_content))
        return chunks


@dataclass
class Passage:
    """One chunk as the index takes it."""

    chunk: Chunk
    text: str  # what is embedded (see passage_text)
    terms: str  # title words, then one line of words per sentence (rag.text.segmented_lines)
    sentences: list[str]  # the chunk's sentences, each embedded on its own for the answer step


def passage_text(title: str, chunk_text: str, embed_title: bool) -> str:
    """What is embedded and BM25-indexed for a chunk: its article title gives it context."""
    return f"{title}\n{chunk_text}" if embed_title and title else chunk_text


def passages(articles: list[Article], chunker: Chunker, embed_title: bool) -> list[Passage]:
    """Every article's chunks as passages, in article then chunk order."""
    out = []
    for article in articles:
        title = article.title if embed_title else ""
        for chunk in chunker.split(article):
            out.append(Passage(chunk=chunk, text=passage_text(article.title, chunk.text, embed_title),
                               terms=segmented_lines(title, chunk.text),
                               sentences=[chunk.text[s:e] for s, e in sentence_spans(chunk.text)]))
    return out
