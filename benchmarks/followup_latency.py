"""What a conversation adds to a question's time: follow-ups asked with their history against
the same questions asked alone, in one process, over the sample articles.

    .venv/bin/python -m benchmarks.followup_latency [--rounds 20]

A follow-up that stands on its own or points back ("Báo cáo chính trị do ai trình bày?" after
a question on Lạng Sơn's congress, "bài này đăng ngày nào?") is answered in the conversation's
article: the one the earlier question's answer cited, remembered from when it was given (as in
the chat, where it was the turn before; the warm-up gives it here), or, the first time, found by
answering the earlier question again. Each round asks every follow-up both ways, alternately,
so that a noisy machine slows both alike; the ratio of the two p50s is the figure to quote.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from embeddings import load_embedder
from rag.config import Settings
from rag.pipeline import Assistant
from rag.sync import ingest_folder

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
# (earlier question, follow-up): each follow-up reads the conversation's article.
CONVERSATIONS = [
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?", "Báo cáo chính trị do ai trình bày?"),
    ("sở gd trà vinh tổ chức hội nghị cán bộ công chức ngày nào", "có bao nhiêu người dự?"),
    ("hội nghị tổng kết công tác xây dựng đảng năm 2020 của đảng ủy khối diễn ra ngày nào", "được tặng bằng khen gì"),
    ("Buổi làm việc của Đảng ủy Khối với Đảng bộ Sở GDĐT Kon Tum diễn ra ngày nào?",
     "ai báo cáo tóm tắt tại buổi làm việc đó?"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn bầu bao nhiêu đồng chí vào Ban chấp hành?", "bài này đăng ngày nào?"),
]


def _ms(ask) -> float:
    started = time.perf_counter()
    ask()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Build the sample index, ask every follow-up with and without its history, print p50s."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmp:
        settings = Settings(index_dir=Path(tmp) / "index")
        embedder = load_embedder(settings)
        ingest_folder(ARTICLES, settings, embedder)
        assistant = Assistant(settings, embedder)
        for earlier, follow_up in CONVERSATIONS:  # warm-up
            assistant.ask(follow_up, history=[earlier])
        alone, talked = [], []
        for _ in range(args.rounds):
            for earlier, follow_up in CONVERSATIONS:
                alone.append(_ms(lambda: assistant.ask(follow_up)))
                talked.append(_ms(lambda: assistant.ask(follow_up, history=[earlier])))
    a, t = statistics.median(alone), statistics.median(talked)
    print(f"{len(alone)} follow-ups: alone p50 {a:.1f} ms, with their history p50 {t:.1f} ms, ratio {t / a:.2f}×")


if __name__ == "__main__":
    main()
