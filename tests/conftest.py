import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PG = os.environ.get("VNCITE_PG_URL")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh database: a SQLite file, and (when VNCITE_PG_URL is set, as in CI) a new PostgreSQL
    database on that server, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'g.db'}"
        return
    if not PG:
        if os.environ.get("VNCITE_REQUIRE_PG"):
            pytest.fail("VNCITE_REQUIRE_PG is set but VNCITE_PG_URL is not")
        pytest.skip("no PostgreSQL server (set VNCITE_PG_URL; .ci/postgres.sh starts one)")
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    url = PG.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()
