"""Load benchmark for ``POST /ask``: latency and throughput at 1, 4 and 16 concurrent clients.

Starts uvicorn on 127.0.0.1 over the sample index and over a synthetic index (built by
``benchmarks/synthetic.py`` if missing), sends XQuAD-vi questions, and prints p50/p95
latency, requests/s, and the server's peak resident memory (VmHWM).

    .venv/bin/python benchmarks/api_load.py [--requests 120] [--chunks 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import XQUAD, build  # noqa: E402
from rag.config import Settings  # noqa: E402
from rag.sync import ingest_folder  # noqa: E402


def peak_rss_mb(pid: int) -> float:
    """The process's resident-memory high-water mark (Linux /proc), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _load(url: str, questions: list[str], clients: int, requests: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    queue = list(range(requests))

    async def client(http: httpx.AsyncClient):
        while queue:
            i = queue.pop()
            t = time.perf_counter()
            r = await http.post("/ask", json={"question": questions[i % len(questions)]})
            r.raise_for_status()
            latencies.append(time.perf_counter() - t)

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=httpx.Limits(max_connections=clients)) as http:
        t = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return latencies, time.perf_counter() - t


def run(label: str, settings: Settings, questions: list[str], requests: int) -> None:
    """Serve ``settings``' index and print one row per concurrency level."""
    port = 8790
    env = {**os.environ, "RAG_INDEX_DIR": str(settings.index_dir), "RAG_CACHE_DIR": str(settings.cache_dir),
           "RAG_MODELS_DIR": str(settings.models_dir)}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(port), "--log-level",
                                 "warning"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    if httpx.get(url + "/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            chunks = httpx.get(url + "/health").json()["chunks"]
            asyncio.run(_load(url, questions, 1, 10))  # warm-up
            for clients in (1, 4, 16):
                lat, seconds = asyncio.run(_load(url, questions, clients, requests))
                ms = np.array(lat) * 1000
                print(f"{label:<10} {chunks:>7} {clients:>3}  p50 {np.percentile(ms, 50):7.1f} ms  "
                      f"p95 {np.percentile(ms, 95):7.1f} ms  {len(lat) / seconds:6.1f} req/s", flush=True)
            print(f"{label:<10} server peak RSS {peak_rss_mb(proc.pid):.0f} MiB", flush=True)
        finally:
            proc.terminate()
            proc.wait()


def main() -> None:
    """Benchmark the sample index, then the synthetic one."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=120, help="requests per concurrency level")
    parser.add_argument("--chunks", type=int, default=50_000, help="size of the synthetic index")
    parser.add_argument("--skip-sample", action="store_true")
    args = parser.parse_args()
    base = Settings(_env_file=None)
    questions = [q["question"] for a in json.loads(XQUAD.read_text())["data"] for p in a["paragraphs"] for q in p["qas"]]
    print(f"{'index':<10} {'chunks':>7} {'cli':>3}  latency per request, throughput  ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_sample:
            sample = base.model_copy(update={"index_dir": Path(tmp) / "sample"})
            ingest_folder(ROOT / "data" / "articles", sample, _embedder(base))
            run("sample", sample, questions, args.requests)
        synthetic_dir = ROOT / "var" / f"synthetic-{args.chunks // 1000}k-{base.encoder}"
        if not (synthetic_dir / "current").exists():
            build(synthetic_dir, args.chunks, base)
        run("synthetic", base.model_copy(update={"index_dir": synthetic_dir}), questions, args.requests)


def _embedder(settings: Settings):
    from embeddings import load_embedder

    return load_embedder(settings)


if __name__ == "__main__":
    main()
