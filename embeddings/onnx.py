"""Embedder backed by onnxruntime and the ``tokenizers`` library: no torch at query time."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from embeddings.onnx_export import MODEL_FILE, TOKENIZER_FILE


class OnnxEmbedder:
    """An encoder exported by :mod:`embeddings.onnx_export`, mean-pooled and normalised.

    Same interface and same vectors (up to quantisation) as the sentence-transformers
    backend; loading it imports neither torch nor transformers, which saves seconds at
    start-up and most of a gigabyte of resident memory.
    """

    def __init__(self, folder: Path, name: str, query_prefix: str, passage_prefix: str,
                 batch_size: int = 16, threads: int = 0):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = Path(folder)
        meta = json.loads((folder / "encoder.json").read_text())
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # 0: one per core
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle onnxruntime threads spin by default; on 2 cores that starves FAISS and the
        # answer step that run right after the question is embedded (measured: 50k-chunk
        # dense search 4 ms alone, 24 ms next to spinning threads).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(int(meta["max_seq_length"]))
        self.tokenizer.enable_padding(pad_id=int(meta["pad_token_id"]))
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.dimension = int(meta["dimension"])
        prefix_tokens = max(self.count_tokens(query_prefix), self.count_tokens(passage_prefix))
        self.max_tokens = int(meta["max_seq_length"]) - prefix_tokens - 2

    def count_tokens(self, text: str) -> int:
        """Number of model tokens ``text`` takes, without special tokens."""
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(min=1e-12)

    def _encode(self, texts: list[str], prefix: str, progress: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        # Batches of similar length waste little compute on padding.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        starts = range(0, len(texts), self.batch_size)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding", unit="batch")
        for start in starts:
            rows = order[start : start + self.batch_size]
            out[rows] = self._batch([prefix + texts[i] for i in rows])
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions with the query prefix."""
        return self._encode(texts, self.query_prefix, False)

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Embed passages with the passage prefix."""
        return self._encode(texts, self.passage_prefix, progress)
