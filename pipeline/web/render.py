"""What the pages draw, computed in Python and escaped by the templates: a text cut into segments
with the layers of annotation over each, and the neighbourhood picture as SVG shapes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..graph import Span
from ..tables import relation_labels

#: one colour per relation type (the picture's edges, the legend, the relation badges)
COLOURS = {t: lab["colour"] for t, lab in relation_labels().items()}
#: (outgoing, incoming), as the legal portals' "lược đồ" words them
LABELS = {t: (lab["outgoing"], lab["incoming"]) for t, lab in relation_labels().items() if t != "cites"}


@dataclass
class Segment:
    text: str
    ref: str | None = None  # the key a reference links to
    ref_form: str | None = None
    task: bool = False
    task_start: str | None = None  # the item's ordinal, on the segment that opens it
    relation: str | None = None  # the relation type whose evidence this is
    relation_title: str | None = None
    classes: list[str] = field(default_factory=list)


def segments(text: str, references: list[Span], task_items: list[Span], relations: list[Span]) -> list[Segment]:
    """``text`` cut at every span boundary; each piece knows the reference, task item and relation
    evidence over it (they may overlap: an item holds references, evidence spans several). One sweep over
    the sorted boundaries (eyecite's annotate): linear in the text and the spans, whatever their number.
    Where spans of one layer overlap, the one that starts last (then the one listed last) wins a piece."""
    n = len(text)
    layers = [[sp for sp in spans if 0 <= sp.start < sp.end <= n] for spans in (references, task_items, relations)]
    cuts = sorted({0, n} | {x for spans in layers for sp in spans for x in (sp.start, sp.end)})
    # per layer: spans by start; the open ones kept in a heap by (-start, -order) so the latest-starting is on top
    import heapq

    order = [sorted(range(len(spans)), key=lambda i: (spans[i].start, i)) for spans in layers]
    nxt = [0, 0, 0]
    open_: list[list[tuple[int, int, int]]] = [[], [], []]  # (-start, -index, end)
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        top: list = [None, None, None]
        for layer, spans in enumerate(layers):
            while nxt[layer] < len(order[layer]) and spans[order[layer][nxt[layer]]].start <= lo:
                i = order[layer][nxt[layer]]
                heapq.heappush(open_[layer], (-spans[i].start, -i, spans[i].end))
                nxt[layer] += 1
            heap = open_[layer]
            while heap and heap[0][2] < hi:  # ended before this piece: never open again (pieces only move right)
                heapq.heappop(heap)
            if heap:
                top[layer] = spans[-heap[0][1]]
        seg = Segment(text[lo:hi])
        r, it, rel = top
        if r is not None:
            seg.ref, seg.ref_form = r.key, r.label
        if it is not None:
            seg.task = True
            if it.start == lo:
                seg.task_start = it.label
        if rel is not None:
            seg.relation, seg.relation_title = rel.label, f"{rel.label}: {rel.key}"
        seg.classes = [c for c, on in (("ref", seg.ref), ("task", seg.task), (f"rel rel-{seg.relation}", seg.relation)) if on]
        out.append(seg)
    return out


#: documents drawn in a neighbourhood picture; the rest are listed under it
MAX_DRAWN = 16
#: direct relations past which the second hop is listed, not drawn (a busy document's picture stays legible)
MAX_FIRST_RING_WITH_SECOND = 6


def _angles(hop: int, ring: list[dict[str, Any]], inner: list[dict[str, Any]], edges: list[dict[str, Any]],
            pos: dict[str, tuple[float, float, float]]) -> list[float]:
    """Where on its ring each document sits. The inner ring is spread evenly from the top. A document of the outer
    ring sits beyond the inner document it is related to (its siblings fanned around that direction), so a chain
    "plan → plan → conclusion" is drawn as a line outward, never as two neighbours of the middle; a document related
    to none drawn takes the gaps."""
    if hop == 1 or not inner:
        return [2 * math.pi * i / len(ring) - math.pi / 2 + (math.pi / len(ring) if hop == 2 else 0.0) for i in range(len(ring))]
    inner_keys = {n["key"] for n in inner}
    parent: dict[str, str] = {}
    for e in edges:
        for mine, other in ((e["source"], e["target"]), (e["target"], e["source"])):
            if other in inner_keys and mine not in parent and mine not in inner_keys:
                parent[mine] = other
    children: dict[str, list[str]] = {}
    for n in ring:
        if n["key"] in parent:
            children.setdefault(parent[n["key"]], []).append(n["key"])
    slot = 2 * math.pi / max(len(inner), 1)  # each inner document owns an equal sector
    angle: dict[str, float] = {}
    for p, kids in children.items():
        spread = min(slot * 0.8, 0.45 * len(kids)) / max(len(kids), 1)
        for j, k in enumerate(kids):
            angle[k] = pos[p][2] + spread * (j - (len(kids) - 1) / 2)
    loose = [n["key"] for n in ring if n["key"] not in angle]
    for i, k in enumerate(loose):  # between the sectors of the inner ring
        angle[k] = -math.pi / 2 + slot / 2 + 2 * math.pi * i / max(len(loose), 1)
    return [angle[n["key"]] for n in ring]


def picture(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], names: dict[str, str] | None = None,
            width: int = 760, height: int | None = None) -> dict[str, Any]:
    """A radial drawing: the document in the middle, its direct relations on an inner ring, the next hop on an
    outer one; edges coloured by type. At most ``MAX_DRAWN`` documents are drawn (nearest first); the others
    are returned as ``more``, for a list. Each label sits outside its circle, away from the centre, anchored
    on the side it points to, so labels of one ring do not run into each other or over the lines."""
    names = names or {}
    ordered = sorted(nodes, key=lambda n: (n["hop"], n["key"]))
    first_ring = sum(1 for n in nodes if n["hop"] == 1)
    limit = MAX_DRAWN if first_ring <= MAX_FIRST_RING_WITH_SECOND else 1 + min(first_ring, MAX_DRAWN)
    drawn, more = ordered[:limit], ordered[limit:]
    keep = {n["key"] for n in drawn}
    edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    height = height or (320 if len(drawn) <= 8 else 560)
    cx, cy = width / 2, height / 2
    rings: dict[int, list[dict[str, Any]]] = {}
    for n in drawn:
        rings.setdefault(n["hop"], []).append(n)
    pos: dict[str, tuple[float, float, float]] = {}
    for hop, ring in rings.items():
        if hop == 0:
            for n in ring:
                pos[n["key"]] = (cx, cy, 0.0)
            continue
        rx, ry = (cx - 150) * (0.5 if hop == 1 and len(rings) > 2 else 1.0), (cy - 30) * (0.5 if hop == 1 and len(rings) > 2 else 1.0)
        for n, a in zip(ring, _angles(hop, ring, rings.get(1, []), edges, pos), strict=True):
            pos[n["key"]] = (cx + rx * math.cos(a), cy + ry * math.sin(a), a)
    lines = []
    for e in edges:
        (x1, y1, _), (x2, y2, _) = pos[e["source"]], pos[e["target"]]
        d = math.hypot(x2 - x1, y2 - y1) or 1
        # stop short of the target's circle so that the arrowhead shows
        x2s, y2s = x2 - (x2 - x1) * 12 / d, y2 - (y2 - y1) * 12 / d
        lines.append({**e, "x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2s, 1), "y2": round(y2s, 1),
                      "colour": COLOURS.get(e["type"], "#888")})
    hop = {n["key"]: n["hop"] for n in drawn}
    passed = {k for e in edges for k in (e["source"], e["target"]) if hop.get(k) == 1 and 2 in (hop[e["source"]], hop[e["target"]])}
    circles = []
    for n in drawn:
        x, y, a = pos[n["key"]]
        c, s_ = math.cos(a), math.sin(a)
        anchor = "start" if c > 0.35 else "end" if c < -0.35 else "middle"
        lx, ly = x + 11 * c, y + 11 * s_ + 4 + (6 * s_ if anchor == "middle" else 0)
        if anchor == "middle" and n["key"] in passed:  # a line goes on through this node: its label beside, not on it
            anchor, lx, ly = "start", x + 11, y + 4
        label = names.get(n["key"], n["key"])
        circles.append({**n, "x": round(x, 1), "y": round(y, 1), "lx": round(lx, 1), "ly": round(ly, 1),
                        "anchor": anchor, "short": label if len(label) <= 22 else label[:21] + "…"})
    return {"width": width, "height": height, "lines": lines, "nodes": circles, "types": sorted({e["type"] for e in edges}), "more": more}
