"""Fill untranslated messages of a catalogue from a table: ``python pipeline/locale/fill.py vi TABLE.json``
(used once per new batch of messages; the .po file is the source of truth). See README.md here."""

import json
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent


def main(lang: str, table: str | None = None) -> None:
    po = HERE / lang / "LC_MESSAGES" / "vncite.po"
    cat = read_po(po.open("rb"))
    new = json.loads(Path(table).read_text(encoding="utf-8")) if table else {}
    for m in cat:
        if m.id and not m.string and isinstance(m.id, str) and m.id in new:
            m.string = new[m.id]
        elif m.id and isinstance(m.id, tuple) and not any(m.string) and m.id[0] in new:
            m.string = (new[m.id[0]],)
        m.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, cat, width=120, omit_header=False)
    with (po.with_suffix(".mo")).open("wb") as f:
        write_mo(f, cat)


if __name__ == "__main__":
    main(*sys.argv[1:])
