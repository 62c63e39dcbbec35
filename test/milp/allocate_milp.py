"""allocate against a MILP solver: HiGHS through scipy.optimize.milp.

Whole-place min-max of the gap, g_i(x) = max(0, 1 - (S_i + x_i) / (T D_i)):
    minimize z  subject to  z >= 1 - (S_i + x_i) / (T D_i)  (D_i > 0),  z >= 0,
                            sum c_i x_i <= B,  lo_i <= x_i <= hi_i,  x_i integer.
For each of six random instances of 200 units (unit costs, and costs 1 to 5;
upper bounds in the last two), caregap.allocate's largest gap must equal HiGHS's optimum within the
solver's tolerance, within the budget and the bounds.  Prints TAP lines and
"milp: N passed, M failed".  Run inside pg_virtualenv.
"""
import os
import sys

import numpy as np
import psycopg2
from scipy.optimize import Bounds, LinearConstraint, milp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import done, ok  # noqa: E402

conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE EXTENSION IF NOT EXISTS caregap")


def milp_minmax(S, D, c, lo, hi, T, B):
    n = len(S)
    # variables: x_0..x_{n-1}, z
    obj = np.zeros(n + 1)
    obj[n] = 1.0
    rows, lb, ub = [], [], []
    for i in range(n):
        if D[i] > 0:
            # z + x_i / (T D_i) >= 1 - S_i / (T D_i)
            r = np.zeros(n + 1)
            r[i] = 1.0 / (T * D[i])
            r[n] = 1.0
            rows.append(r)
            lb.append(1.0 - S[i] / (T * D[i]))
            ub.append(np.inf)
    r = np.zeros(n + 1)
    r[:n] = c
    rows.append(r)
    lb.append(-np.inf)
    ub.append(B)
    integrality = np.ones(n + 1)
    integrality[n] = 0
    res = milp(obj, constraints=LinearConstraint(np.array(rows), lb, ub),
               integrality=integrality,
               bounds=Bounds(np.append(lo, 0.0), np.append(hi, np.inf)),
               options={"mip_rel_gap": 0.0, "time_limit": 120})
    assert res.status == 0, res.message
    return max(res.x[n], 0.0)


rng = np.random.default_rng(20261204)
for case in range(6):
    n = 200
    S = rng.integers(0, 400, n).astype(float)
    D = np.round(rng.uniform(0, 900, n), 2)
    D[rng.integers(0, n, 5)] = 0.0
    unit_costs = case % 2 == 0
    c = np.ones(n) if unit_costs else rng.integers(1, 6, n).astype(float)
    lo = np.where(rng.random(n) < 0.1, rng.integers(0, 5, n), 0).astype(float)
    hi = np.where((rng.random(n) < 0.1) & (case >= 4), lo + rng.integers(300, 900, n), 1e9).astype(float)
    T = 1.0 + 0.1 * case
    B = float(rng.integers(15000, 60000))
    best = milp_minmax(S, D, c, lo, hi, T, B)
    # Python floats (numpy 2's repr of np.float64 is not SQL), written to the last bit
    values = ", ".join(
        f"('u{i:03d}', {float(S[i])!r}::float8, {float(D[i])!r}::float8, {float(c[i])!r}::float8, "
        f"{float(lo[i])!r}::float8, " + (f"{float(hi[i])!r}::float8)" if hi[i] < 1e9 else "NULL::float8)")
        for i in range(n))
    q = f"SELECT * FROM (VALUES {values}) t(id, supply, demand, cost, min_add, max_add)"
    cur.execute("SELECT max(gap_after), sum(added * c.cost), bool_and(added = floor(added)), "
                "bool_and(added >= c.min_add AND (c.max_add IS NULL OR added <= c.max_add)) "
                "FROM caregap.allocate(%s, %s, %s, 'minmax', true) a JOIN (" + q + ") c USING (id)",
                (q, float(B), float(T)))
    got, spent, whole, bounded = cur.fetchone()
    kind = "unit costs" if unit_costs else "costs 1-5"
    ok(abs(got - best) <= 1e-7,
       f"case {case} ({kind}, budget {B:.0f}, target {T:.1f}): largest gap {got:.9f} = HiGHS's optimum {best:.9f}")
    ok(spent <= B and whole and bounded, f"case {case}: whole places within the budget ({spent:.0f} <= {B:.0f}) and the bounds")

done()
