"""Speed and memory of the whole pipeline against bare underthesea segmentation of the same text.

    .venv/bin/python benchmarks/extract.py [--repeat 5]

Two ways, both as CPU time (steadier than wall time on a shared VM), best of ``--repeat``
interleaved runs:
- in-process: chars/s of ``pipeline.extract`` on every corpus document against underthesea's
  ``word_tokenize`` + ``sent_tokenize`` over the same texts, line by line (what a user would run to
  segment them), after a warm-up;
- whole-process: ``python -m pipeline extract corpus/`` (start-up, imports, reading, JSON out)
  against a process that imports underthesea, reads the same files (every file under corpus/,
  as the command walks it) and segments them line by line.
Goal for both ratios: pipeline at most 1.10x the bare segmentation. Also the peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
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


BARE_PROCESS = """
import os, sys
from underthesea import sent_tokenize, word_tokenize
for root, dirs, files in os.walk(sys.argv[1]):  # the files `vncite extract FOLDER` reads, in its order
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for name in sorted(f for f in files if not f.startswith(".")):
        with open(os.path.join(root, name), encoding="utf-8") as fh:
            for line in fh.read().split("\\n"):
                if line.strip():
                    sent_tokenize(line)
                    word_tokenize(line)
"""


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one child process run to the end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(repeat: int) -> tuple[float, float]:
    """Best CPU seconds of ``vncite extract corpus/`` and of a bare segmentation process, interleaved."""
    pipe = [sys.executable, "-m", "pipeline", "extract", str(ROOT / "corpus")]
    bare_cmd = [sys.executable, "-c", BARE_PROCESS, str(ROOT / "corpus")]
    child_cpu(pipe)  # warm the file cache
    best_pipe, best_bare = float("inf"), float("inf")
    for _ in range(repeat):
        best_bare = min(best_bare, child_cpu(bare_cmd))
        best_pipe = min(best_pipe, child_cpu(pipe))
    return best_pipe, best_bare


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
    p_pipe, p_bare = whole_process(args.repeat)
    print(json.dumps({
        "documents": len(texts),
        "chars": chars,
        "bare_segmentation_chars_per_s": round(chars / t_bare),
        "pipeline_chars_per_s": round(chars / t_pipe),
        "pipeline_over_bare": round(t_pipe / t_bare, 3),
        "whole_process_pipeline_cpu_s": round(p_pipe, 3),
        "whole_process_bare_cpu_s": round(p_bare, 3),
        "whole_process_pipeline_over_bare": round(p_pipe / p_bare, 3),
        "goal_pipeline_over_bare": 1.10,
        "peak_rss_mb": round(peak_mb, 1),
    }, indent=1))


if __name__ == "__main__":
    main()
