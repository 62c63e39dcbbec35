"""Doc-test of the documentation: every ```sql block of README.md and docs/*.md runs.

The blocks run in the order they stand, each with psql and ON_ERROR_STOP, in one database
that has caregap, the dong data set (data/korea_dong/load.sql) and the demo's report views
(demo/views.sql); PostGIS is there for the blocks that create it.  A block whose first
line is "-- doctest: skip (reason)" is a template to read (your own table, an attack) and
is not run.  Each block is one TAP line; the last line is "doctest: N passed, M failed".
Run inside pg_virtualenv from the repository root.

What this checks is that every documented example runs without an error.  It does not
compare a block's printed output with the output written in its comments.
"""
import glob
import re
import subprocess
import sys
import tempfile

files = ["README.md"] + sorted(glob.glob("docs/*.md"))
n = passed = failed = skipped = 0
for path in files:
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"```sql\n(.*?)```", text, re.S):
        block = m.group(1)
        line = text.count("\n", 0, m.start()) + 1
        first = block.strip().splitlines()[0] if block.strip() else ""
        if first.startswith("-- doctest: skip"):
            skipped += 1
            continue
        n += 1
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False, encoding="utf-8") as f:
            f.write(block)
            name = f.name
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", name],
                           capture_output=True, text=True)
        what = f"{path} line {line}: the example runs"
        if r.returncode == 0:
            passed += 1
            print(f"ok {n} - {what}")
        else:
            failed += 1
            print(f"not ok {n} - {what}")
            for l in (r.stderr or r.stdout).strip().splitlines()[:8]:
                print(f"#   {l}")
print(f"# {skipped} blocks marked as templates were not run")
print(f"1..{n}")
print(f"doctest: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
