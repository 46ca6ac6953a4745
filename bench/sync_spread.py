#!/usr/bin/env python3
"""sync_spread: the spread of wall_ms across screens of one group (issue 17).

Reads the kiosk logs given (one per process), takes every event=slide line with wall_ms=, and for each
group boundary (a slide shown by every process within WINDOW ms of each other, matched by index) the
spread max(wall_ms) - min(wall_ms). Prints the number of boundaries and the median, p99 and max spread.

  sync_spread.py [--since MS] [--exclude LOG:FROM:TO ...] [--check N] LOG...

--since: only slides presented at or after this wall_ms. --exclude: leave out the slides of LOG between
FROM and TO (wall ms; a tapped screen out of step). --check N: exit 1 unless at least N boundaries were
matched by every process and no process showed another slide than the others at a boundary (a slide of
one process with no counterpart in the others within WINDOW ms is a disagreement).
"""
import re
import sys

WINDOW = 400  # ms: slides further apart than this are different boundaries

def slides(path):
    out = []
    for line in open(path, errors="replace"):
        if "event=slide" not in line or "wall_ms=" not in line:
            continue
        idx = int(re.search(r"\bindex=(\d+)", line).group(1))
        wall = int(re.search(r"\bwall_ms=(\d+)", line).group(1))
        out.append((wall, idx))
    return out

def main(argv):
    since, excludes, check, logs = 0, [], None, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--since":
            since = int(argv[i + 1]); i += 2
        elif a == "--exclude":
            p, f, t = argv[i + 1].rsplit(":", 2); excludes.append((p, int(f), int(t))); i += 2
        elif a == "--check":
            check = int(argv[i + 1]); i += 2
        else:
            logs.append(a); i += 1
    per = []
    for p in logs:
        s = [(w, x) for (w, x) in slides(p) if w >= since and
             not any(p == e[0] and e[1] <= w <= e[2] for e in excludes)]
        per.append(s)
    ref = per[0]
    spreads, disagree = [], 0
    for (w, x) in ref:
        walls = [w]
        for other in per[1:]:
            near = [ow for (ow, ox) in other if abs(ow - w) <= WINDOW and ox == x]
            if near:
                walls.append(min(near, key=lambda v: abs(v - w)))
        if len(walls) == len(per):
            spreads.append(max(walls) - min(walls))
        else:
            # shown by this process but not by all: did another process show another slide then?
            for other in per[1:]:
                if any(abs(ow - w) <= WINDOW and ox != x for (ow, ox) in other):
                    disagree += 1
                    break
    spreads.sort()
    n = len(spreads)
    if n:
        med = spreads[n // 2]
        p99 = spreads[min(n - 1, int(n * 0.99))]
        print(f"boundaries={n} median_ms={med} p99_ms={p99} max_ms={spreads[-1]} disagreements={disagree}")
    else:
        print(f"boundaries=0 disagreements={disagree}")
    if check is not None and (n < check or disagree > 0):
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
