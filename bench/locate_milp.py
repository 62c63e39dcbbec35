"""bench/locate_milp.py — caregap.locate against HiGHS (scipy.optimize.milp) and
COIN-OR CBC (the cbc program) on the same MILP, interleaved case by case.

Demand: every dong of Korea with a point (korea_dong.dong, people aged 65+);
candidates: 1,000 of those points (the first by md5 of the code).  p-median
and MCLP (10 km) for p = 10 and 50.  Distances: great-circle km (haversine,
R = 6371.0088), computed here in numpy for the solvers and by caregap from
the coordinates (the same formula; the objectives are compared).  The MILPs are
those of docs/FORMULAS.md section 10 (p-median: x_ij <= y_j, one row each).
locate runs with its default budget (max_steps 1e9), and again with 1e8 (a
quicker answer, with its bound) and 1e10.
Each solver gets LIMIT seconds (argument 1, default 600); the time of
locate is the whole SQL call (reading the points and the distances
included), the time of HiGHS its solve (building the scipy model excluded),
of CBC the cbc run (reading the LP file included, writing it excluded).  Prints one line a
case and the ratios.  Run inside pg_virtualenv with korea_dong loaded.
"""
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import psycopg2
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity

LIMIT = float(sys.argv[1]) if len(sys.argv) > 1 else 600.0
CASES = sys.argv[2].split(",") if len(sys.argv) > 2 else ["p_median:10", "p_median:50", "mclp:10", "mclp:50"]

conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE EXTENSION IF NOT EXISTS caregap")
cur.execute("SELECT adm_code::text, lon, lat, pop_65plus::float8 FROM korea_dong.dong WHERE lon IS NOT NULL ORDER BY 1")
dem = cur.fetchall()
cur.execute("SELECT adm_code::text, lon, lat FROM korea_dong.dong WHERE lon IS NOT NULL ORDER BY md5(adm_code::text) LIMIT 1000")
cand = cur.fetchall()
dlon, dlat = np.radians([r[1] for r in dem]), np.radians([r[2] for r in dem])
clon, clat = np.radians([r[1] for r in cand]), np.radians([r[2] for r in cand])
a = (np.sin((dlat[:, None] - clat[None, :]) / 2) ** 2
     + np.cos(dlat)[:, None] * np.cos(clat)[None, :] * np.sin((dlon[:, None] - clon[None, :]) / 2) ** 2)
D = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
w = np.array([r[3] for r in dem])
n, m = D.shape
print(f"# {n} demand points (dongs with a point, people aged 65+) x {m} candidates; solver limit {LIMIT:.0f} s")

def locate(obj, p, steps=None):
    t = time.time()
    cur.execute("SELECT min(objective), min(bound), min(gap), bool_and(optimal) FROM caregap.locate("
                "'SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population FROM korea_dong.dong WHERE lon IS NOT NULL', "
                "'SELECT adm_code AS id, lon, lat FROM korea_dong.dong WHERE lon IS NOT NULL ORDER BY md5(adm_code::text) LIMIT 1000', "
                "%s, %s, %s, max_steps => %s)", (p, obj, 10.0 if obj == "mclp" else None, steps))
    o, b, g, opt = cur.fetchone()
    return o, b, opt, time.time() - t


def model(obj, p):
    """(c, constraints, integrality, bounds) in scipy's form; minimization."""
    if obj == "p_median":
        nx = n * m
        a1 = coo_matrix((np.ones(nx), (np.repeat(np.arange(n), m), np.arange(nx))), shape=(n, nx + m)).tocsr()
        a2 = coo_matrix((np.concatenate([np.ones(nx), -np.ones(nx)]),
                         (np.concatenate([np.arange(nx), np.arange(nx)]),
                          np.concatenate([np.arange(nx), nx + np.tile(np.arange(m), n)]))), shape=(nx, nx + m)).tocsr()
        card = csr_matrix(np.concatenate([np.zeros(nx), np.ones(m)])[None, :])
        c = np.concatenate([(w[:, None] * D).ravel(), np.zeros(m)])
        return c, [(a1, 1, 1), (a2, -np.inf, 0), (card, p, p)], np.concatenate([np.zeros(nx), np.ones(m)])
    A = csr_matrix((D <= 10).astype(float))
    c = np.concatenate([np.zeros(m), -w])
    return c, [(hstack([-A, identity(n)]).tocsr(), -np.inf, 0),
               (csr_matrix(np.concatenate([np.ones(m), np.zeros(n)])[None, :]), p, p)], np.concatenate([np.ones(m), np.zeros(n)])


def highs_child(obj, p, q):
    c, cons, integ = model(obj, p)
    t = time.time()
    res = milp(c, constraints=[LinearConstraint(A, lo, hi) for A, lo, hi in cons], integrality=integ,
               bounds=Bounds(0, 1), options={"mip_rel_gap": 1e-9, "time_limit": LIMIT})
    sign = -1 if obj == "mclp" else 1
    q.put((sign * res.fun if res.fun is not None else float("nan"),
           sign * getattr(res, "mip_dual_bound", float("nan")), res.status == 0, time.time() - t))


def highs(obj, p):
    """HiGHS in a child process, killed 60 s past the limit (its time limit is not checked
    everywhere: on the p-median of this size it ran past 20 minutes and 12 GB)."""
    q = mp.Queue()
    proc = mp.Process(target=highs_child, args=(obj, p, q))
    t = time.time()
    proc.start()
    proc.join(LIMIT + 60)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return float("nan"), float("nan"), False, time.time() - t
    return q.get() if not q.empty() else (float("nan"), float("nan"), False, time.time() - t)


def cbc(obj, p):
    """The same MILP written as an LP file, solved by the cbc program."""
    c, cons, integ = model(obj, p)
    nv = len(c)
    with tempfile.TemporaryDirectory() as d:
        lp = os.path.join(d, "m.lp")
        with open(lp, "w") as f:
            f.write("Minimize\n obj: ")
            f.write(" ".join(f"{'+' if c[k] >= 0 else '-'} {abs(c[k])!r} v{k}" for k in np.nonzero(c)[0]))
            f.write("\nSubject To\n")
            r = 0
            for A, lo, hi in cons:
                A = A.tocsr()
                for i in range(A.shape[0]):
                    s, e = A.indptr[i], A.indptr[i + 1]
                    terms = " ".join(f"{'+' if v >= 0 else '-'} {abs(v)!r} v{j}" for j, v in zip(A.indices[s:e], A.data[s:e]))
                    if lo == hi:
                        f.write(f" r{r}: {terms} = {lo!r}\n")
                    elif np.isinf(lo):
                        f.write(f" r{r}: {terms} <= {hi!r}\n")
                    else:
                        f.write(f" r{r}: {terms} >= {lo!r}\n")
                    r += 1
            f.write("Bounds\n")
            f.write("".join(f" 0 <= v{k} <= 1\n" for k in range(nv)))
            f.write("Generals\n" + "".join(f" v{k}\n" for k in np.nonzero(integ)[0]) + "End\n")
        t = time.time()
        try:
            out = subprocess.run(["cbc", lp, "ratioGap", "1e-9", "sec", str(LIMIT), "solve"], capture_output=True,
                                 text=True, timeout=LIMIT + 60).stdout
        except subprocess.TimeoutExpired:
            out = ""
        secs = time.time() - t
    sign = -1 if obj == "mclp" else 1
    best = re.search(r"Objective value:\s*([-0-9.e+]+)", out)
    bound = re.search(r"Lower bound:\s*([-0-9.e+]+)", out)
    optimal = "Optimal solution found" in out or "Result - Optimal" in out
    return (sign * float(best.group(1)) if best else float("nan"),
            sign * float(bound.group(1)) if bound else float("nan"), optimal, secs)


print("# case: locate objective [bound] optimal time | HiGHS objective [bound] optimal time | CBC ... | ratios")
for case in CASES:
    obj, p = case.split(":")
    p = int(p)
    lo, lb, lopt, lt = locate(obj, p)
    qo, qb, qopt, qt = locate(obj, p, 1e8)
    xo, xb, xopt, xt = locate(obj, p, 1e10)
    ho, hb, hopt, ht = highs(obj, p)
    co, cb, copt, ct = cbc(obj, p)
    same_h = abs(lo - ho) <= max(abs(lo - lb), 1e-9 * abs(lo)) if hopt else None
    same_c = abs(lo - co) <= max(abs(lo - lb), 1e-9 * abs(lo)) if copt else None
    print(f"{obj} p={p}: locate {lo:.6f} [{lb:.6f}] {'optimal' if lopt else 'gap %.2e' % (abs(lo - lb) / abs(lo))} {lt:.2f} s"
          f" | HiGHS {ho:.6f} [{hb:.6f}] {'optimal' if hopt else 'limit'} {ht:.2f} s"
          f" | CBC {co:.6f} [{cb:.6f}] {'optimal' if copt else 'limit'} {ct:.2f} s"
          f" | HiGHS/locate {'' if hopt else '>'}{ht / lt:.1f}x, CBC/locate {'' if copt else '>'}{ct / lt:.1f}x"
          f" | same objective as HiGHS: {same_h}, as CBC: {same_c}"
          f" | locate with max_steps 1e8: {qo:.6f} [{qb:.6f}] {'optimal' if qopt else 'gap %.2e' % (abs(qo - qb) / abs(qo))} {qt:.2f} s"
          f" (CBC/locate {'' if copt else '>'}{ct / qt:.1f}x)"
          f" | locate with max_steps 1e10: {xo:.6f} [{xb:.6f}] {'optimal' if xopt else 'gap %.2e' % (abs(xo - xb) / abs(xo))} {xt:.2f} s", flush=True)
