"""Small factories so each test case reads as input -> expected record in one line."""

from pipeline import extract


def refs(text: str) -> list:
    return extract(text).references


def one_ref(text: str):
    found = [m for m in refs(text) if not m.self]
    assert len(found) == 1, [(m.surface, m.key) for m in found]
    return found[0]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db, env: dict | None = None, tries: int = 150):  # noqa: ANN001, ANN201
    """`vncite serve --db DB` on a free port in its own process, once its home page answers: (process, base URL)."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(tries):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return proc, base


def run_cli(capsys, *argv) -> tuple[int, str, str]:  # noqa: ANN001
    """``vncite ARGV`` in this process: (exit code, stdout, stderr); argparse's usage errors give their code too."""
    from pipeline.cli import main

    try:
        rc = main([str(a) for a in argv])
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err
