"""Speed and memory of the whole pipeline against bare underthesea segmentation of the same text.

    .venv/bin/python benchmarks/extract.py [--repeat 3]

Reports chars/s for (a) ``pipeline.extract`` on every corpus document and (b) underthesea's
``word_tokenize`` + ``sent_tokenize`` over the same texts, line by line (what a user would run
to segment them), the ratio (goal: pipeline costs at most 1.10x the bare segmentation), and the
peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    files = sorted((ROOT / "corpus").glob("*/*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def bare(texts: list[str]) -> None:
    from underthesea import sent_tokenize, word_tokenize

    for t in texts:
        for line in t.split("\n"):
            if line.strip():
                sent_tokenize(line)
                word_tokenize(line)


def pipeline(texts: list[str]) -> None:
    from pipeline import extract

    for t in texts:
        extract(t)


def timed(fns: list, texts: list[str], repeat: int) -> list[float]:
    """Best-of-``repeat`` CPU seconds (process time: steadier than wall time on shared VMs) for each function, runs interleaved so machine noise hits both."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t0 = time.process_time()
            fn(texts)
            best[i] = min(best[i], time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = corpus_texts()
    chars = sum(len(t) for t in texts)
    # warm up: model loading and regex compilation are not per-document costs
    bare(texts[:1])
    pipeline(texts[:1])
    t_bare, t_pipe = timed([bare, pipeline], texts, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "documents": len(texts),
        "chars": chars,
        "bare_segmentation_chars_per_s": round(chars / t_bare),
        "pipeline_chars_per_s": round(chars / t_pipe),
        "pipeline_over_bare": round(t_pipe / t_bare, 3),
        "goal_pipeline_over_bare": 1.10,
        "peak_rss_mb": round(peak_mb, 1),
    }, indent=1))


if __name__ == "__main__":
    main()
