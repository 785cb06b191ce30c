# vendored verbatim from ../shared/tools/score_assignments.py (the shared assignment scorer)
"""Score `assignments` in vncite extract output against gold (the guide's "Assignments" section).
A predicted assignment matches a gold one when >= 60 % of the gold task's words appear in the prediction's task or
evidence and the leads agree (equal, one inside the other, or word Jaccard >= .6); one-to-one, best first.
Usage: python3 ../shared/tools/score_assignments.py GOLD_DIR PRED.jsonl -> prints JSON: P/R/F1, deadline accuracy; exit 0."""
import json, os, re, sys, unicodedata

def toks(s):
    return re.findall(r"\w+", unicodedata.normalize("NFC", s or "").lower())

def task_score(g, p):
    gt = toks(g.get("task"))
    pt = set(toks((p.get("task") or "") + " " + (p.get("evidence") or "")))
    return sum(t in pt for t in gt) / max(1, len(gt))

def lead_ok(g, p):
    a, b = " ".join(toks(g.get("lead"))), " ".join(toks(p.get("lead") if isinstance(p.get("lead"), str) else json.dumps(p.get("lead"), ensure_ascii=False)))
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    A, B = set(a.split()), set(b.split())
    return len(A & B) / len(A | B) >= .6

def due_date(x):
    d = x.get("due")
    return d.get("date") if isinstance(d, dict) else None

def score(gold_dir, pred_path):
    preds = {}
    for line in open(pred_path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            preds[os.path.basename(r.get("source") or r.get("path") or "")] = r
    G = P = M = T = dues = dues_ok = 0
    per = []
    for f in sorted(os.listdir(gold_dir)):
        if not f.endswith(".json"):
            continue
        gold = json.load(open(os.path.join(gold_dir, f), encoding="utf-8"))
        ga = gold.get("assignments") or []
        pa = (preds.get(gold["doc"]) or {}).get("assignments") or []
        pairs = sorted(((task_score(g, p), i, j) for i, g in enumerate(ga) for j, p in enumerate(pa)), reverse=True)
        ug, up, m, t = set(), set(), 0, 0
        for s, i, j in pairs:
            if s < .6 or i in ug or j in up:
                continue
            t += 1
            if lead_ok(ga[i], pa[j]):
                ug.add(i); up.add(j); m += 1
                if due_date(ga[i]):
                    dues += 1; dues_ok += due_date(ga[i]) == due_date(pa[j])
        G += len(ga); P += len(pa); M += m; T += t
        per.append(f"{f[:24]} {m}/{len(ga)} (pred {len(pa)})")
    p = M / P if P else 0.0; r = M / G if G else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "gold": G, "pred": P, "matched": M, "task_found": T,
            "due_checked": dues, "due_right": dues_ok, "per_text": per}

if __name__ == "__main__":
    s = score(sys.argv[1], sys.argv[2])
    print(json.dumps(s, ensure_ascii=False))
