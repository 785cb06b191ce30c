"""Command line: a thin layer over the functions a Python user calls."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .extract import extract_path
from .resolve import resolve_corpus


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Files as given; folders walked recursively in sorted order (hidden entries skipped)."""
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
        else:
            yield p


def cmd_extract(args: argparse.Namespace) -> int:
    paths = list(iter_paths(args.paths))
    out = sys.stdout
    show_progress = sys.stderr.isatty() and len(paths) > 1
    if args.corpus_resolve:
        records = []
        for i, p in enumerate(paths, 1):
            records.append(extract_path(p))
            if show_progress:
                print(f"\r{i}/{len(paths)} {p[-60:]:60s}", end="", file=sys.stderr)
        ambiguous = resolve_corpus([r for r in records if r.status == "ok"])
        for src, key, cands in ambiguous:
            print(f"ambiguous: {src}: {key} -> {', '.join(cands)}", file=sys.stderr)
        for r in records:
            out.write(json.dumps(r.to_json(args.with_text), ensure_ascii=False) + "\n")
    else:
        for i, p in enumerate(paths, 1):
            r = extract_path(p)
            out.write(json.dumps(r.to_json(args.with_text), ensure_ascii=False) + "\n")
            out.flush()
            if show_progress:
                print(f"\r{i}/{len(paths)} {p[-60:]:60s}", end="", file=sys.stderr)
    if show_progress:
        print(file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="vncite", description="Citation graph of Vietnamese official documents.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract references, task lists and relations as JSON Lines")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ex.add_argument("--format", choices=["jsonl"], default="jsonl")
    ex.add_argument("--corpus-resolve", action="store_true", help="resolve short forms against the whole input corpus")
    ex.add_argument("--with-text", action="store_true", help="add the normalised text to each record")
    ex.set_defaults(func=cmd_extract)
    args = ap.parse_args(argv)
    missing = [p for p in getattr(args, "paths", []) if not Path(p).exists()]
    if missing and len(missing) == len(args.paths):
        print(f"vncite: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
