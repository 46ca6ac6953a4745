#!/usr/bin/env python3
# smaps-groups.py PID-or-SMAPS-FILE [LABEL]: PSS and RSS (MiB) of a process per group of mappings: the brk heap,
# anonymous mmaps by size (full-screen textures and pictures are the 4 MiB+ ones), MIT-SHM (SysV)
# segments, each shared library of 1 MiB+ PSS and all of them together. Used by bench/memory/walk.sh.
import sys, re, collections
pid = sys.argv[1]
groups = collections.OrderedDict()
def add(g, pss, rss):
    a = groups.setdefault(g, [0, 0, 0])
    a[0] += pss; a[1] += rss; a[2] += 1
cur = None
big = []  # anonymous mappings of 1 MiB and more with 1 MiB+ resident: (size KiB, Rss KiB)
with open(pid if "/" in pid else f"/proc/{pid}/smaps") as f:
    for line in f:
        if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
            parts = line.split(None, 5)
            lo, hi = [int(x, 16) for x in parts[0].split('-')]
            name = parts[5].strip() if len(parts) > 5 else ''
            cur = dict(name=name, size=hi - lo, perms=parts[1], inode=parts[4], pss=0, rss=0)
            continue
        if line.startswith('Pss:'):
            cur['pss'] = int(line.split()[1])
        elif line.startswith('Rss:'):
            cur['rss'] = int(line.split()[1])
        elif line.startswith('VmFlags'):
            n = cur['name']; sz = cur['size'] // 1024
            if n == '[heap]':
                g = 'heap (brk)'
            elif n.startswith('/SYSV') or 'SYSV' in n:
                g = 'SysV shm (MIT-SHM) %d KiB' % sz
            elif n.startswith('[stack'):
                g = 'stack'
            elif n.startswith('['):
                g = n
            elif n == '':
                if sz >= 4096:
                    g = 'anon >=4MiB (full-screen textures, pictures)'
                elif sz >= 1024:
                    g = 'anon 1-4MiB (e.g. a thread malloc arena)'
                else:
                    g = 'anon <1MiB'
            elif n.startswith('/dev/'):
                g = n
            elif '.so' in n:
                g = 'lib ' + n.split('/')[-1]
            elif n.startswith('/memfd') or 'memfd' in n:
                g = 'memfd ' + n
            else:
                g = 'file ' + n.split('/')[-1]
            add(g, cur['pss'], cur['rss'])
            if n == '' and sz >= 1024 and cur['rss'] >= 1024:
                big.append((sz, cur['rss']))
tot = [sum(v[0] for v in groups.values()), sum(v[1] for v in groups.values())]
label = sys.argv[2] if len(sys.argv) > 2 else ''
print(f"== {label}: PSS {tot[0]/1024:.1f} MiB  RSS {tot[1]/1024:.1f} MiB")
libs = [0, 0]
for g, (p, r, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
    if g.startswith('lib '):
        libs[0] += p; libs[1] += r
for g, (p, r, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
    if g.startswith('lib ') and p < 1024:
        continue
    if p < 256 and r < 1024:
        continue
    print(f"  {p/1024:7.1f} {r/1024:7.1f}  x{n:<3} {g}")
print(f"  {libs[0]/1024:7.1f} {libs[1]/1024:7.1f}  all libraries")
print("  anonymous mappings of 1 MiB+ (size/resident KiB; 8100 = a 1920x1080 texture, 5860 = a 1500x1000 picture): "
      + " ".join(f"{sz}/{rss}" for sz, rss in big))
