"""Doc-test of the documentation: every ```sql block of README.md and docs/*.md runs,
and what it prints is compared with the ```output block that follows it.

The blocks run in the order they stand (README.md, then docs/*.md by name), each
in its own psql session (psql -X -q, ON_ERROR_STOP, the default aligned format),
in one database that has caregap, the dong data set (data/korea_dong/load.sql)
and the demo's report views (demo/views.sql); PostGIS is there for the blocks
that create it.  What a block prints is its standard output, then its standard
error (NOTICEs) after a line "-- stderr:"; it must equal the ```output block
right after the ```sql block, character for character but for trailing spaces
at line ends.  A block that prints nothing needs no output block.  A block may document an error:
its output block then shows psql's ERROR line (psql stops there, ON_ERROR_STOP).

A block whose first line is "-- doctest: skip (reason)" is a template to read
(your own table, an attack) and is not run.

    python3 test/doctest/run_blocks.py            # check; TAP lines, then
                                                  # "doctest: N passed, M failed"
    python3 test/doctest/run_blocks.py --update   # write what the blocks print into
                                                  # the files (to review with git diff)

Run inside pg_virtualenv from the repository root (test/doctest/run.sh).
"""
import glob
import re
import subprocess
import sys

BLOCK = re.compile(r"```sql\n(.*?)```\n(?:\n?```output\n(.*?)```\n)?", re.S)


def run(sql):
    r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"], input=sql,
                       capture_output=True, text=True)
    out = "\n".join(l.rstrip() for l in r.stdout.rstrip("\n").split("\n")) if r.stdout.strip() else ""
    err = r.stderr.strip()
    if err:
        out = (out + "\n" if out else "") + "-- stderr:\n" + "\n".join(l.rstrip() for l in err.split("\n"))
    return r.returncode, out


def main():
    update = "--update" in sys.argv
    files = ["README.md"] + sorted(glob.glob("docs/*.md"))
    n = passed = failed = skipped = 0
    for path in files:
        text = open(path, encoding="utf-8").read()
        pieces = []
        pos = 0
        for m in BLOCK.finditer(text):
            sql, want = m.group(1), m.group(2)
            line = text.count("\n", 0, m.start()) + 1
            first = sql.strip().splitlines()[0] if sql.strip() else ""
            if first.startswith("-- doctest: skip"):
                skipped += 1
                continue
            n += 1
            code, got = run(sql)
            what = f"{path} line {line}"
            have = (want or "").rstrip("\n")
            have = "\n".join(l.rstrip() for l in have.split("\n")) if have else ""
            # a block may document an error: then its output shows the ERROR, and psql's
            # non-zero exit is what was documented
            documented_error = "ERROR:" in have
            if (code == 0 or documented_error) and got == have:
                passed += 1
                print(f"ok {n} - {what}: runs and prints its output")
            elif code != 0:
                failed += 1
                print(f"not ok {n} - {what}: fails")
                for l in got.splitlines()[-8:]:
                    print(f"#   {l}")
            else:
                failed += 1
                print(f"not ok {n} - {what}: prints something else")
                gl, hl = got.splitlines(), have.splitlines()
                for k in range(max(len(gl), len(hl))):
                    g = gl[k] if k < len(gl) else "<none>"
                    h = hl[k] if k < len(hl) else "<none>"
                    if g != h:
                        print(f"#   line {k + 1}: documented {h!r}")
                        print(f"#   line {k + 1}: printed    {g!r}")
                        break
            if update and (code == 0 or documented_error):
                pieces.append(text[pos:m.start()])
                pieces.append("```sql\n" + sql + "```\n")
                if got:
                    pieces.append("\n```output\n" + got + "\n```\n")
                pos = m.end()
        if update and pieces:
            pieces.append(text[pos:])
            open(path, "w", encoding="utf-8").write("".join(pieces))
    print(f"# {skipped} blocks marked as templates were not run")
    print(f"1..{n}")
    print(f"doctest: {passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
