"""TAP lines for the milp scripts: ok(cond, what) prints one; done() prints the plan and
"milp: N passed, M failed" and gives the exit status."""
import sys

passed = failed = n_test = 0


def ok(cond, what):
    global passed, failed, n_test
    n_test += 1
    if cond:
        passed += 1
    else:
        failed += 1
    print(f"{'' if cond else 'not '}ok {n_test} - {what}", flush=True)


def done():
    print(f"1..{n_test}")
    print(f"milp: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
