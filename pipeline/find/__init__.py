"""Stage 4: the finders, declared once and run in this order on one ``Document``.

Each finder takes the document and what the earlier finders found (a ``Findings``) and returns the
``Findings`` with what it adds; none changes a record it did not build. ``run`` is the only caller of
a finder (``tests/test_architecture.py`` checks it), so the order below is the order of the work:

1. ``references``  every numbered reference, with date, issuer, term, title as written beside it
2. ``identity``    the text's own identity when it is a directive (its layout), its mentions of itself marked
3. ``resolve``     short forms pointed at the full reference of the same document in the text
4. ``issuers``     the body a reference's symbol stands for, where the text names it nearby
5. ``pinpoints``  the part of a document named with each mention ("khoản 2 Điều 46 …"; relations take their object's)
6. ``named``       documents cited by name only (laws, congress resolutions, titled documents)
7. ``tasks``       task lists written with verbal ordinals, their items and owner
8. ``quotes``      provisions an explainer quotes from another document ("Theo Điều 3 Quyết định 48/2025 … như sau:")
9. ``relations``   the relations the text states (the rules of ``data/relations.json``)
10. ``classify``   the learned relation model, deciding the types where it beats the rules
11. ``effects``    when documents take effect or end, the text's own dates first ("có hiệu lực kể từ ngày …"), a
                   quoted provision's for the document quoted
12. ``assignments`` who must do what, by when: sentences, body headings over items, assignment tables
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..records import Findings
from ..resolve import resolve_in_text
from ..text import Document
from .assignments import find_assignments
from .classify import classify_relations
from .effects import find_effects
from .identity import find_identity
from .issuers import infer_issuers
from .named import find_named
from .pinpoints import find_pinpoints
from .quotes import find_quotes
from .references import find_references
from .relations import find_relations
from .tasks import find_task_lists

Finder = Callable[[Document, Findings], Findings]

#: the finders in run order, by name (as spaCy's ``nlp.pipe_names``)
FINDERS: tuple[tuple[str, Finder], ...] = (
    ("references", find_references),
    ("identity", find_identity),
    ("resolve", resolve_in_text),
    ("issuers", infer_issuers),
    ("pinpoints", find_pinpoints),
    ("named", find_named),
    ("tasks", find_task_lists),
    ("quotes", find_quotes),
    ("relations", find_relations),
    ("classify", classify_relations),
    ("effects", find_effects),
    ("assignments", find_assignments),
)


def finder_names() -> list[str]:
    return [name for name, _ in FINDERS]


def run(doc: Document, found: Findings, only: Iterable[str] | None = None) -> Findings:
    """Run the declared finders in order (``only``: a subset of their names, still in the declared order)."""
    wanted = set(finder_names() if only is None else only)
    unknown = wanted - set(finder_names())
    if unknown:
        raise ValueError(f"no finder named {sorted(unknown)}; the finders are {finder_names()}")
    for name, finder in FINDERS:
        if name in wanted:
            found = finder(doc, found)
    return found


__all__ = ["FINDERS", "Finder", "Findings", "finder_names", "run"]
