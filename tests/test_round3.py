"""Reliability, round 3 (#28): each attack that broke a surface, replayed on generated inputs around real texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main


def _run(capsys, *argv) -> tuple[int, str, str]:
    try:
        rc = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's usage errors
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "graphml", "gexf"])
def test_export_after_a_failed_file(corpus, tmp_path, capsys, fmt):
    """1. A failed file is stored with no title, type or issuer; read back through pandas beside texts that have them,
    those gaps were NaN floats that the label cleaner was given: every export died with a TypeError."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for f in sorted((corpus / "seeds").glob("*.txt")):
        shutil.copy(f, inbox)
    (inbox / "scan.pdf").write_bytes(b"not a pdf at all")
    db = tmp_path / "g.db"
    rc, _, err = _run(capsys, "batch", inbox, "--db", db)
    assert rc == 0 and "scan.pdf" in err
    rc, out, err = _run(capsys, "export", "--db", db, "--format", fmt, tmp_path / f"out.{fmt}")
    assert rc == 0, err
    assert "Traceback" not in err
    written = sorted(p.name for p in Path(out.split()[0]).parent.iterdir()) if out else []
    assert written
