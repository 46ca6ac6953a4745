#!/usr/bin/env python3
# pss-sample.py PID OUT [MS]: samples PID's PSS and USS (private) from /proc/PID/smaps_rollup every MS ms
# (default 100) until it ends; writes OUT/pss.samples and OUT/uss.samples (KiB, one a line, with the time
# in ms since the start before a tab), OUT/peak (the highest PSS) and OUT/peak.smaps (/proc/PID/smaps read
# right after the highest PSS sample, in the same process: it is what was alive then). Used by walk.sh.
import os, sys, time
pid, out = sys.argv[1], sys.argv[2]
step = (int(sys.argv[3]) if len(sys.argv) > 3 else 100) / 1000.0
peak = 0
t0 = time.monotonic()
with open(os.path.join(out, 'pss.samples'), 'w') as fp, open(os.path.join(out, 'uss.samples'), 'w') as fu:
    while True:
        try:
            with open(f'/proc/{pid}/smaps_rollup') as f:
                roll = f.read()
        except OSError:
            break
        pss = uss = 0
        for line in roll.splitlines():
            if line.startswith('Pss:'):
                pss += int(line.split()[1])
            elif line.startswith('Private_Clean:') or line.startswith('Private_Dirty:'):
                uss += int(line.split()[1])
        if pss == 0:
            break
        ms = int((time.monotonic() - t0) * 1000)
        fp.write(f'{ms}\t{pss}\n')
        fu.write(f'{ms}\t{uss}\n')
        if pss > peak:
            peak = pss
            try:
                with open(f'/proc/{pid}/smaps') as f:
                    smaps = f.read()
                with open(os.path.join(out, 'peak.smaps'), 'w') as f:
                    f.write(smaps)
                with open(os.path.join(out, 'peak'), 'w') as f:
                    f.write(f'{peak}\n')
            except OSError:
                break
        time.sleep(step)
