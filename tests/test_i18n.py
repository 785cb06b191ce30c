"""The message catalogue: every message of the code and the templates has its Vietnamese translation, the
compiled catalogue is the one the .po says, and the faces speak Vietnamese by default, English on request."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "pipeline" / "locale" / "vi" / "LC_MESSAGES" / "vncite.po"


def _extracted() -> set[str]:
    """The messages Babel finds in the package (babel.cfg's rules)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    return {m[2] if isinstance(m[2], str) else m[2][0]
            for m in extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords) if m[2]}


def test_every_message_has_a_vietnamese_translation():
    from babel.messages.pofile import read_po

    catalog = read_po(PO.open("rb"))
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                  if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string) and not m.fuzzy}
    missing = sorted(_extracted() - translated)
    assert not missing, f"untranslated (pipeline/locale/README.md): {missing}"


def test_the_compiled_catalogue_is_the_po():
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    def entries(catalog) -> dict:  # noqa: ANN001
        return {(m.id if isinstance(m.id, str) else tuple(m.id)): (m.string if isinstance(m.string, str) else tuple(m.string))
                for m in catalog if m.id}

    po = entries(read_po(PO.open("rb")))
    mo = entries(read_mo(PO.with_suffix(".mo").open("rb")))
    assert po == mo


@pytest.mark.parametrize(("lang", "word"), [("vi", "Bị thay thế bởi"), ("en", "Replaced by")])
def test_the_language_decides_the_words(lang, word):
    from pipeline.graph.display import heading
    from pipeline.i18n import date, use

    with use(lang):
        assert heading("replaces", "in") == word
        assert date("2016-01-07") == "07/01/2016"


def test_the_web_page_negotiates_its_language():
    from pipeline.i18n import negotiate

    assert negotiate(None, None) == "vi"
    assert negotiate(None, "en-US,en;q=0.9") == "en"
    assert negotiate(None, "en-US;q=0.5,vi;q=0.9") == "vi"
    assert negotiate("vi", "en-US") == "vi" and negotiate("xx", "fr-FR") == "vi"
