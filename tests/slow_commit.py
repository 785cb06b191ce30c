"""Run the vncite CLI with every commit held open for a while: the window the crash tests kill in.

    python tests/slow_commit.py SECONDS vncite-arguments...

Fault injection lives here, in the tests, not in the product: a SQLAlchemy ``commit`` event on
every engine sleeps before the commit is sent.
"""

import sys
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

from pipeline.cli import main

if __name__ == "__main__":
    delay = float(sys.argv[1])
    event.listen(Engine, "commit", lambda _conn: time.sleep(delay))
    sys.exit(main(sys.argv[2:]))
