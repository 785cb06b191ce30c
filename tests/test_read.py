"""Reading: encodings, HTML main text, and every kind of bad input as an error record."""

import json
import subprocess
import sys

import pytest

from pipeline import extract_path
from pipeline.read import ReadError, decode_text, read_bytes

VIET = "Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị về tiếp tục đẩy mạnh việc xây dựng quy chế dân chủ ở cơ sở."


@pytest.mark.parametrize(
    "data,encoding",
    [
        (VIET.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + VIET.encode("utf-8"), "utf-8-sig"),
        (VIET.encode("utf-16"), "utf-16"),
        (VIET.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings(data, encoding):
    text, enc = decode_text(data)
    assert text == VIET and enc == encoding


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with a tone = base letter + a combining tone byte."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in nfd if c in tones).encode("cp1258")
    return out


def test_windows_1258_with_decomposed_tone_marks():
    data = _cp1258(VIET)
    assert b"\xec" in data  # the combining acute of "ế", "ố"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, enc = decode_text(data)
    assert enc == "cp1258"
    assert text == VIET


def test_tcvn3_legacy_font_encoding():
    # the national-motto line as old TCVN3 (ABC) files store it, read as Latin-1 bytes
    data = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. KÕt luËn sè 120-KL/TW cña Bé ChÝnh trÞ".encode("latin-1")
    text, enc = decode_text(data)
    assert enc == "tcvn3"
    assert text.startswith("Cộng hoà xã hội chủ nghĩa Việt Nam") or text.startswith("Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert "Kết luận số 120-KL/TW của Bộ Chính trị" in text


def test_vni_legacy_font_encoding():
    data = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Keát luaän soá 120-KL/TW cuûa Boä Chính trò".encode("cp1252")
    text, enc = decode_text(data)
    assert enc == "vni"
    assert text.startswith("Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert "Kết luận số 120-KL/TW của Bộ Chính trị" in text


def test_html_main_text_drops_boilerplate():
    html = """<!DOCTYPE html><html><head><title>Tin</title><script>var x = 'Nghị định 99/2099/NĐ-CP';</script></head>
    <body><nav><a href="/">Trang chủ</a> | <a href="/login">Đăng nhập hệ thống</a></nav>
    <div class="login">Người dùng: <input> Mật khẩu: <input></div>
    <article><h1>Hội nghị chuyên đề về Quy chế dân chủ</h1>
    <p>Dân chủ là một nhiệm vụ có tính chiến lược, điều này được thể hiện trong Chỉ thị 30/CT-TW ngày 18/02/1998 của Bộ Chính trị
    về xây dựng và thực hiện Quy chế dân chủ ở cơ sở, Nghị định 71/1998/NĐ-CP của Chính phủ về ban hành Quy chế dân chủ.</p>
    <p>Sau hơn 12 năm triển khai thực hiện Chỉ thị 30 và Quy chế dân chủ trong hoạt động cơ quan, Đảng ủy Khối đã tích cực chỉ đạo.</p></article>
    <footer>Thống kê truy cập: 9.696.992 — Online: 88</footer></body></html>"""
    src = read_bytes(html.encode("utf-8"), "page.html", ".html")
    assert "Chỉ thị 30/CT-TW" in src.text
    assert "99/2099" not in src.text and "Mật khẩu" not in src.text and "9.696.992" not in src.text


BAD = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "random.bin": bytes(range(256)) * 40,
    "fake.pdf": "Đây không phải PDF".encode(),
    "truncated.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    "archive.docx": b"PK\x03\x04" + b"\x00" * 100,
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_error_record(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(BAD[name])
    rec = extract_path(p)
    assert rec.status == "error"
    assert rec.error and "\n" not in rec.error
    assert rec.to_json()["references"] == []


def test_missing_file_and_directory(tmp_path):
    assert extract_path(tmp_path / "nope.txt").error.startswith("no such file")
    with pytest.raises(ReadError):
        from pipeline.read import read_path

        read_path(tmp_path)


def test_cli_run_goes_on_after_bad_files(tmp_path):
    for name, data in BAD.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "zz_good.txt").write_text(VIET, encoding="utf-8")
    big = tmp_path / "zz_long_line.txt"
    big.write_text(("Thực hiện Kết luận số 120-KL/TW của Bộ Chính trị, " * 2000) + "hết.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path)], capture_output=True, text=True, check=True)
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(recs) == len(BAD) + 2
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in recs}
    assert all(by_name[n]["status"] == "error" for n in BAD)
    assert by_name["zz_good.txt"]["status"] == "ok"
    assert by_name["zz_good.txt"]["references"][0]["key"] == "120-KL/TW"
    assert by_name["zz_long_line.txt"]["status"] == "ok"
    assert len(by_name["zz_long_line.txt"]["references"]) == 2000


def test_cli_missing_path_is_usage_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "absent")], capture_output=True, text=True)
    assert out.returncode == 2 and "không có tệp hay thư mục" in out.stderr
