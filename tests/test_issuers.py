from sqlalchemy import create_engine, inspect, text

from pipeline.issuers import IssuerMatcher
from pipeline.store import MIGRATIONS, connect

NAMES = ["BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh uỷ", "Ban Thường vụ Thành ủy", "Bộ Chính trị", "Bộ Tài chính",
         "Thủ tướng", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "Chính phủ", "Ban Chấp hành Trung ương Đảng", "BCH Trung ương Đảng"]


def test_variants_meet_and_distinct_bodies_stay_apart():
    m = IssuerMatcher().fit(NAMES)
    assert m.canonical("BTV Tỉnh ủy") == m.canonical("Ban Thường vụ Tỉnh uỷ") == "Ban Thường vụ Tỉnh ủy"
    assert m.canonical("Thủ tướng") == "Thủ tướng Chính phủ"
    assert m.canonical("BCH Trung ương Đảng") == "Ban Chấp hành Trung ương Đảng"
    assert not m.same("BTV Tỉnh ủy", "Ban Thường vụ Thành ủy")
    assert not m.same("Bộ Chính trị", "Bộ Tài chính")
    assert m.same("Bộ Chính trị", "Bộ Chính trị (khóa XI)") and m.same(None, "Chính phủ")


def test_migration_from_version_1(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:  # a database written by schema version 1
        conn.execute(text("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)"))
        MIGRATIONS[0][2](conn)
        conn.execute(text("ALTER TABLE documents DROP COLUMN issuer_canonical"))
        conn.execute(text("INSERT INTO schema_version VALUES (1, '2026-01-01')"))
    assert "issuer_canonical" not in {c["name"] for c in inspect(engine).get_columns("documents")}
    new = connect(url)
    assert "issuer_canonical" in {c["name"] for c in inspect(new).get_columns("documents")}
    with new.connect() as c:
        assert c.execute(text("SELECT MAX(version) FROM schema_version")).scalar() == len(MIGRATIONS)
