"""caregap.locate against a MILP solver: HiGHS through scipy.optimize.milp.

For random instances of 200 demand points and 200 candidate sites (about
Suwon, great-circle km computed here and given to locate as its cost query,
so both solve the same numbers), p-median, MCLP and LSCP are written as the
MILPs of docs/FORMULAS.md section 10 and solved by HiGHS to a relative gap
of 1e-9; locate's objective must equal HiGHS's optimum (within 1e-9
relative), its bound must lie on the right side of it, and it must say it is
optimal.  p-center is checked through LSCP at locate's radius and at the
next smaller distance.  Two MCLPs over 10 towns far apart (2,000 points, 400
candidates, coordinates) check the reduction and the search by groups.  Prints TAP lines and "milp: N passed, M failed".  Run inside
pg_virtualenv.
"""
import os
import sys
import time

import numpy as np
import psycopg2
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import done, ok  # noqa: E402

conn = psycopg2.connect("")
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE EXTENSION IF NOT EXISTS caregap")
OPTS = {"mip_rel_gap": 1e-9, "time_limit": 300}


def km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (np.sin((lat1[:, None] - lat2[None, :]) / 2) ** 2
         + np.cos(lat1)[:, None] * np.cos(lat2)[None, :] * np.sin((lon1[:, None] - lon2[None, :]) / 2) ** 2)
    return 2 * 6371.0088 * np.arcsin(np.sqrt(a))


def assign_blocks(n, m):
    """sum_j x_ij = 1 and x_ij - y_j <= 0 over variables x (n*m, row-major) then y (m)."""
    nx = n * m
    a1 = coo_matrix((np.ones(nx), (np.repeat(np.arange(n), m), np.arange(nx))), shape=(n, nx + m))
    a2 = coo_matrix((np.concatenate([np.ones(nx), -np.ones(nx)]),
                     (np.concatenate([np.arange(nx), np.arange(nx)]),
                      np.concatenate([np.arange(nx), nx + np.tile(np.arange(m), n)]))), shape=(nx, nx + m))
    return a1.tocsr(), a2.tocsr()


def solve(c, cons, integrality):
    t = time.time()
    res = milp(c, constraints=cons, integrality=integrality, bounds=Bounds(0, 1), options=OPTS)
    assert res.status == 0, res.message
    return res.fun, time.time() - t


def p_median(D, w, p):
    n, m = D.shape
    a1, a2 = assign_blocks(n, m)
    card = csr_matrix(np.concatenate([np.zeros(n * m), np.ones(m)])[None, :])
    c = np.concatenate([(w[:, None] * D).ravel(), np.zeros(m)])
    return solve(c, [LinearConstraint(a1, 1, 1), LinearConstraint(a2, -np.inf, 0), LinearConstraint(card, p, p)],
                 np.concatenate([np.zeros(n * m), np.ones(m)]))


def lscp_at(D, w, r):
    """The fewest sites within r of every point with demand (HiGHS), or inf when one is out of reach."""
    A = (D[w > 0] <= r)
    if not A.any(axis=1).all():
        return np.inf
    return round(solve(np.ones(D.shape[1]), [LinearConstraint(csr_matrix(A.astype(float)), 1, np.inf)],
                       np.ones(D.shape[1]))[0])


def mclp(D, w, p, r):
    n, m = D.shape
    A = csr_matrix((D <= r).astype(float))
    c = np.concatenate([np.zeros(m), -w])
    return solve(c, [LinearConstraint(hstack([-A, identity(n)]).tocsr(), -np.inf, 0),
                     LinearConstraint(csr_matrix(np.concatenate([np.ones(m), np.zeros(n)])[None, :]), p, p)],
                 np.concatenate([np.ones(m), np.zeros(n)]))


rng = np.random.default_rng(20261205)
for case in range(3):
    n = m = 200
    dlon, dlat = 126.8 + 0.5 * rng.random(n), 37.0 + 0.5 * rng.random(n)
    clon, clat = 126.8 + 0.5 * rng.random(m), 37.0 + 0.5 * rng.random(m)
    w = rng.integers(1, 2000, n).astype(float)
    w[rng.integers(0, n, 3)] = 0.0
    D = km(dlon, dlat, clon, clat)
    cur.execute("DROP TABLE IF EXISTS lm_dem, lm_cand, lm_cost")
    cur.execute("CREATE TABLE lm_dem (id text, population float8)")
    cur.execute("CREATE TABLE lm_cand (id text)")
    cur.execute("CREATE TABLE lm_cost (demand_id text, supply_id text, cost float8)")
    cur.execute("INSERT INTO lm_dem SELECT 'd' || lpad(g::text, 3, '0'), v FROM unnest(%s::float8[]) WITH ORDINALITY t(v, g)",
                ([float(x) for x in w],))
    cur.execute("INSERT INTO lm_cand SELECT 'c' || lpad(g::text, 3, '0') FROM generate_series(1, %s) g", (m,))
    # the distances to the last bit (repr of Python floats)
    cur.execute("INSERT INTO lm_cost SELECT 'd' || lpad(((g - 1) / %s + 1)::text, 3, '0'), 'c' || lpad(((g - 1) %% %s + 1)::text, 3, '0'), v "
                "FROM unnest(%s::float8[]) WITH ORDINALITY t(v, g)", (m, m, [float(x) for x in D.ravel()]))

    def locate(p, objective, catchment=None):
        cur.execute("SELECT min(objective), min(bound), bool_and(optimal) FROM caregap.locate("
                    "'SELECT * FROM lm_dem', 'SELECT * FROM lm_cand', %s, %s, %s, costs => 'SELECT * FROM lm_cost')",
                    (p, objective, catchment))
        return cur.fetchone()

    p = [5, 10, 20][case]
    r = [6.0, 5.0, 4.0][case]
    best, secs = p_median(D, w, p)
    t = time.time()
    got, bound, opt = locate(p, "p_median")
    ours = time.time() - t
    ok(abs(got - best) <= 1e-9 * best and bound <= best * (1 + 1e-9) and opt,
       f"case {case}: p_median p = {p}: {got:.6f}, bound {bound:.6f}, HiGHS {best:.6f} "
       f"(locate {ours:.2f} s, HiGHS {secs:.2f} s)")
    # p-center: the assignment MILP is too weak for HiGHS at this size (no answer in 300 s), so
    # the optimum is checked as a set-cover threshold: HiGHS covers every point within locate's
    # radius with p sites, and cannot within the next smaller distance
    got, bound, opt = locate(p, "p_center")
    below = D[w > 0][D[w > 0] < got].max()
    t = time.time()
    at, under = lscp_at(D, w, got), lscp_at(D, w, below)
    ok(at <= p < under and opt and bound == got,
       f"case {case}: p_center p = {p}: {got:.9f}; HiGHS covers within it with {at} sites and needs {under} "
       f"within the next distance {below:.9f} ({time.time() - t:.2f} s)")
    best, secs = mclp(D, w, p, r)
    got, bound, opt = locate(p, "mclp", r)
    ok(got == round(-best) and bound >= got and opt,
       f"case {case}: mclp p = {p}, {r} km: {got:.0f} covered, bound {bound:.0f}, HiGHS {-best:.0f} ({secs:.2f} s)")
    best, secs = lscp_at(D, w, 2 * r), 0.0
    got, bound, opt = locate(None, "lscp", 2 * r)
    ok(got == best and opt, f"case {case}: lscp {2 * r} km: {got:.0f} sites, HiGHS {best:.0f}")

# MCLP over towns far apart: 10 clusters of points and candidates (the kernel reduces the
# problem and solves the clusters' groups of candidates one by one), against HiGHS
for case, (p, r) in enumerate([(40, 5.0), (30, 6.0)]):
    n, m, towns = 2000, 400, 10
    tl, tt = 126.5 + 1.5 * rng.random(towns), 36.0 + 1.5 * rng.random(towns)
    dt, ct = rng.integers(0, towns, n), rng.integers(0, towns, m)
    dlon, dlat = tl[dt] + 0.08 * rng.standard_normal(n), tt[dt] + 0.06 * rng.standard_normal(n)
    clon, clat = tl[ct] + 0.08 * rng.standard_normal(m), tt[ct] + 0.06 * rng.standard_normal(m)
    w = rng.integers(1, 3000, n).astype(float)
    D = km(dlon, dlat, clon, clat)
    cur.execute("DROP TABLE IF EXISTS lm_dem, lm_cand")
    cur.execute("CREATE TABLE lm_dem (id text, lon float8, lat float8, population float8)")
    cur.execute("CREATE TABLE lm_cand (id text, lon float8, lat float8)")
    cur.execute("INSERT INTO lm_dem SELECT 'd' || lpad(g::text, 5, '0'), x, y, v FROM unnest(%s::float8[], %s::float8[], %s::float8[]) "
                "WITH ORDINALITY t(x, y, v, g)", ([float(x) for x in dlon], [float(x) for x in dlat], [float(x) for x in w]))
    cur.execute("INSERT INTO lm_cand SELECT 'c' || lpad(g::text, 5, '0'), x, y FROM unnest(%s::float8[], %s::float8[]) "
                "WITH ORDINALITY t(x, y, g)", ([float(x) for x in clon], [float(x) for x in clat]))
    best, secs = mclp(D, w, p, r)
    t = time.time()
    cur.execute("SELECT min(objective), min(bound), bool_and(optimal) FROM caregap.locate("
                "'SELECT * FROM lm_dem', 'SELECT * FROM lm_cand', %s, 'mclp', %s)", (p, r))
    got, bound, opt = cur.fetchone()
    ok(got == round(-best) and bound >= got and opt,
       f"towns {case}: mclp p = {p}, {r} km, 10 towns: {got:.0f} covered, bound {bound:.0f}, HiGHS {-best:.0f} "
       f"(locate {time.time() - t:.2f} s, HiGHS {secs:.2f} s)")

cur.execute("DROP TABLE IF EXISTS lm_dem, lm_cand, lm_cost")
done()
