"""Chunking with langchain-text-splitters, sized in the embedding model's own tokens."""

from __future__ import annotations

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.documents import Article, Chunk

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

    def split(self, article: Article) -> list[Chunk]:
        """Chunks of ``article`` such that ``chunk.text == article.text[chunk.start:chunk.end]``."""
        chunks = []
        for doc in self.splitter.create_documents([article.text]):
            start = doc.metadata["start_index"]
            if start < 0:  # the splitter could not locate the piece; find it ourselves
                start = article.text.find(doc.page_content)
            chunks.append(Chunk(article.id, len(chunks), start, start + len(doc.page_content), doc.page_content))
        return chunks
