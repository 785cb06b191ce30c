"""Peak memory and time of inputs that used to blow up, each at two sizes (the ratio between the
sizes shows whether cost grows linearly). Each input is made in one process and read in another, which
reports its peak resident memory (``VmHWM``: a process inherits its parent's ``ru_maxrss`` across exec,
so that figure would include the maker's), the peak of its Tesseract children, and seconds; goal: at
most 1 GB each.

    .venv/bin/python benchmarks/limits.py [--cases tiff,pdf,line,tasks] [--scale 1.0]

- ``tiff``: a group-4 TIFF of 250 and 500 scanned pages (a line of text each), OCR'd;
- ``pdf``: a born-digital PDF of 1000 and 2000 pages (a paragraph each);
- ``line``: 5 and 10 MB of text on one line, references in it;
- ``tasks``: 100,000 and 200,000 lines of task lists ("Một là … Ba là" under a heading).

The text cases are over the default character limit (``VNCITE_MAX_CHARS``, 5 million): they run with
it raised, to measure the work itself. ``--scale`` shrinks every size (0.1 for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {"tiff": (250, 500), "pdf": (1000, 2000), "line": (5, 10), "tasks": (100_000, 200_000)}
UNITS = {"tiff": "pages", "pdf": "pages", "line": "MB", "tasks": "lines"}
SENTENCE = "Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị, Ban Thường vụ đã ban hành Kế hoạch số 08-KH/CB. "


def make_input(case: str, size: int, folder: Path) -> Path:
    if case == "tiff":
        from PIL import Image, ImageDraw, ImageFont

        from pipeline.synthetic import find_font

        font = ImageFont.truetype(find_font(), 40)

        def page(i: int) -> Image.Image:
            img = Image.new("1", (2480, 3508), 1)
            ImageDraw.Draw(img).text((240, 300), f"Trang {i + 1}: Kế hoạch số {i + 1}-KH/TU ngày 12/4/2016", font=font, fill=0)
            return img

        path = folder / f"scan{size}.tif"
        first = page(0)
        first.save(path, save_all=True, append_images=(page(i) for i in range(1, size)), compression="group4")
        return path
    if case == "pdf":
        from fpdf import FPDF

        from pipeline.synthetic import find_font

        pdf = FPDF()
        pdf.add_font("dv", fname=find_font())
        pdf.set_font("dv", size=11)
        for i in range(size):
            pdf.add_page()
            pdf.multi_cell(0, 6, f"Trang {i + 1}. " + SENTENCE * 6)
        path = folder / f"book{size}.pdf"
        pdf.output(str(path))
        return path
    if case == "line":
        path = folder / f"line{size}.txt"
        unit = SENTENCE.encode("utf-8")
        path.write_bytes(unit * (size * 1024 * 1024 // len(unit)))
        return path
    if case == "tasks":
        block = ("Ban Thường vụ đề ra các nhiệm vụ thực hiện Kết luận số 120-KL/TW như sau:\n"
                 "Một là, tăng cường công tác tuyên truyền.\nHai là, nâng cao chất lượng sinh hoạt chi bộ.\n"
                 "Ba là, kiểm tra, giám sát việc thực hiện Kế hoạch số 08-KH/CB.\n")
        path = folder / f"tasks{size}.txt"
        path.write_text(block * (size // 4), encoding="utf-8")
        return path
    raise ValueError(case)


def run_one(path: str) -> None:
    """In a fresh process: extract one file, print seconds, peak RSS and what came out."""
    from pipeline.extract import extract_path

    t0 = time.perf_counter()
    ex = extract_path(path)
    seconds = time.perf_counter() - t0
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    me = int(status["VmHWM"].split()[0]) / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Tesseract (at most: includes what it inherited)
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(me, 1), "peak_tesseract_rss_mb": round(kids, 1) if kids else None,
                      "status": ex.status, "error": ex.error,
                      "references": len(ex.references), "task_lists": len(ex.task_lists),
                      "output_mb": round(len(json.dumps(ex.to_json(), ensure_ascii=False).encode()) / 2**20, 2)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="tiff,pdf,line,tasks")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--make", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(args.one)
        return
    if args.make:
        print(make_input(args.make[0], int(args.make[1]), Path(args.make[2])))
        return
    report = {}
    env = {**os.environ, "VNCITE_MAX_CHARS": str(50_000_000)}
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases.split(","):
            rows = []
            for size in SIZES[case]:
                size = max(1, int(size * args.scale))
                made = subprocess.run([sys.executable, __file__, "--make", case, str(size), tmp], capture_output=True, text=True, check=True)
                path = Path(made.stdout.strip().splitlines()[-1])
                out = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, env=env)
                if out.returncode != 0:
                    rows.append({"size": size, "failed": out.stderr.strip().splitlines()[-1:]})
                    continue
                rows.append({"size": size, "file_mb": round(path.stat().st_size / 2**20, 2), **json.loads(out.stdout.splitlines()[-1])})
                path.unlink()
            done = [r for r in rows if "seconds" in r]
            entry = {"unit": UNITS[case], "runs": rows, "goal_peak_rss_mb": 1024}
            if len(done) == 2:
                entry["size_ratio"] = round(done[1]["size"] / done[0]["size"], 2)
                entry["time_ratio"] = round(done[1]["seconds"] / max(done[0]["seconds"], 1e-3), 2)
                entry["rss_ratio"] = round(done[1]["peak_rss_mb"] / done[0]["peak_rss_mb"], 2)
            report[case] = entry
            print(json.dumps({case: entry}), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
