"""Which tasks of a directive each plan implementing it takes up: the directive's tasks (its assignments and its task
list items) against each implementing plan's, matched by content (TF-IDF over underthesea's words, cosine
similarity, scikit-learn). A directive's task is taken up by a plan when one of the plan's tasks is at least
``THRESHOLD`` similar to it; the tasks no plan takes up are listed.

The threshold was measured, not guessed: pairs of a directive and a plan implementing it, each pair of tasks judged
by hand (taken up or not), are in ``benchmarks/judged/coverage.json``; ``benchmarks/coverage.py`` prints precision and
recall of "taken up" at each threshold and the one chosen."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..text.segment import words_of_chunk

if TYPE_CHECKING:
    from .queries import Graph

#: the similarity from which a plan's task takes up a directive's: the best F1 (.44: precision .32, recall .73) on 98
#: judged task pairs of the crawl's only two (benchmarks/coverage.py, benchmarks/judged/coverage.json); a rough guide
THRESHOLD = 0.20
#: words too common in tasks to tell two apart
STOP_WORDS = frozenset("""và của các cho với trong theo để được có là những này đó trên tại từ về việc công_tác thực_hiện
triển_khai tổ_chức đảm_bảo bảo_đảm tăng_cường nâng_cao hiệu_quả đơn_vị cơ_quan địa_phương sở ban ngành ủy_ban nhân_dân
tỉnh thành_phố xã phường huyện chủ_trì phối_hợp kịp_thời""".split())


@dataclass
class Task:
    """A task of a document: an assignment (with its lead and deadline) or an item of its task list."""

    text: str
    lead: str | None = None
    due: str | None = None
    section: str | None = None


@dataclass
class Coverage:
    """The directive's tasks (rows) against the plans implementing it (columns): each cell the best similarity of one
    of the plan's tasks and that task's text; ``taken`` where it reaches the threshold."""

    key: str
    tasks: list[Task]
    plans: list[str]
    scores: list[list[float]] = field(default_factory=list)
    matches: list[list[str | None]] = field(default_factory=list)
    threshold: float = THRESHOLD
    names: dict[str, str] = field(default_factory=dict)  # how a person names each plan (a letter without number by its label)

    def taken(self, i: int, j: int) -> bool:
        return self.scores[i][j] >= self.threshold

    @property
    def uncovered(self) -> list[int]:
        """The directive's tasks that no plan takes up."""
        return [i for i in range(len(self.tasks)) if not any(self.taken(i, j) for j in range(len(self.plans)))]

    def rows(self) -> list[dict]:
        """One row a task: which plans take it up (and with what), for ``query coverage`` and the API."""
        return [{"task": t.text, "lead": t.lead, "due": t.due, "section": t.section,
                 "taken_up_by": [self.names.get(p, p) for j, p in enumerate(self.plans) if self.taken(i, j)],
                 "scores": {p: round(self.scores[i][j], 3) for j, p in enumerate(self.plans)},
                 "matches": {p: self.matches[i][j] for j, p in enumerate(self.plans) if self.taken(i, j)}}
                for i, t in enumerate(self.tasks)]


@cache
def _words(text: str) -> tuple[str, ...]:
    """The content words of a task: underthesea's words, lower case, joined by "_", without numbers and stop words."""
    out = []
    for w in words_of_chunk(" ".join(text.split())[:2000]):
        w = "_".join(w.lower().split())
        if re.search(r"[^\W\d_]", w) and w not in STOP_WORDS:
            out.append(w)
    return tuple(out)


def tasks_from(assignments: list, task_lists: list) -> list[Task]:
    """A document's tasks from what the graph holds of it: its assignments, else the items of its task lists."""
    out = [Task(a.task, a.lead, a.due, a.section) for a in assignments]
    return out or [Task(it.text or "", None, None, None) for tl in task_lists for it in tl.items if it.text]


def tasks_of(graph: Graph, key: str) -> list[Task]:
    """A document's tasks: the assignments its own texts state, else the items of its task lists."""
    assigned = graph.assignments(key)
    return tasks_from(assigned, [] if assigned else graph.tasks(key))


def similarity(left: list[str], right: list[str]) -> list[list[float]]:
    """Cosine similarity of each of ``left`` to each of ``right``, TF-IDF weighted over both sets."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    if not left or not right:
        return [[0.0] * len(right) for _ in left]
    vec = TfidfVectorizer(analyzer=_words, sublinear_tf=True)
    try:
        m = vec.fit_transform(left + right)
    except ValueError:  # no content word at all
        return [[0.0] * len(right) for _ in left]
    return linear_kernel(m[: len(left)], m[len(left) :]).tolist()


def coverage(graph: Graph, key: str, threshold: float = THRESHOLD, tasks: list[Task] | None = None,
             plans: list[str] | None = None) -> Coverage:
    """``key``'s tasks against the plans that implement it directly (``tasks`` and ``plans``: when the caller has
    already read them, as the document page has)."""
    key = graph.lookup(key)
    tasks = tasks_of(graph, key) if tasks is None else tasks
    plans = sorted({h.key for h in graph.implements(key)}) if plans is None else plans
    result = Coverage(key, tasks, plans, threshold=threshold, names=graph.labels(plans))
    result.scores = [[0.0] * len(plans) for _ in tasks]
    result.matches = [[None] * len(plans) for _ in tasks]
    for j, plan in enumerate(plans):
        theirs = tasks_of(graph, plan)
        sims = similarity([t.text for t in tasks], [t.text for t in theirs])
        for i, row in enumerate(sims):
            if row:
                best = max(range(len(row)), key=row.__getitem__)
                result.scores[i][j], result.matches[i][j] = row[best], theirs[best].text
    return result
