import random, math, sys
random.seed(7)
out = sys.argv[1]
hdr = """goos: linux
goarch: amd64
pkg: github.com/benchrig/benchrig/bench/falseshare
cpu: AMD EPYC
machine: ci1
Unit adds/s better=higher
"""
def side(name, shift, busy=False, drop=None, dup=None):
    lines=[hdr]
    rng = random.Random(11)
    for k in range(1, 11):
        drift = math.exp(rng.gauss(0, 0.04))  # block drift shared by both sides of a pair
        nb = [rng.gauss(0,0.01) for _ in range(3)]
        nh = [rng.gauss(0,0.01) for _ in range(3)]
        noise = nb if name == 'base' else nh
        lines.append("pair: %d\npair-order: %s\n" % (k, "ab" if k % 2 else "ba"))
        rows = [("FalseShare/layout=packed", 52.0), ("FalseShare/layout=pad64", 11.0)]
        for i,(row, ns) in enumerate(rows):
            if drop == (k, row): continue
            v = ns * drift * math.exp(noise[i]) * (1 + (shift if row.endswith("pad64") else 0))
            adds = 2e9 / v
            extra = ""
            if busy and row.endswith("pad64"):
                extra = "\t%.2f other-cpus\t0.00 steal-cpus\t0 other-runs" % (0.6 if k % 3 else 0.1)
            elif not busy:
                extra = "\t0.02 other-cpus\t0.00 steal-cpus\t0 other-runs"
            n = 1000000
            lines.append("Benchmark%s-2 \t %d\t %.3f ns/op\t %.4g adds/s\t 0 B/op%s\n" % (row, n, v, adds, extra))
            if dup == (k, row):
                lines.append("Benchmark%s-2 \t %d\t %.3f ns/op\t %.4g adds/s\t 0 B/op%s\n" % (row, n, v, adds, extra))
    lines.append("PASS\nok  \tgithub.com/benchrig/benchrig/bench/falseshare\t12.3s\n")
    return "".join(lines)
open(out+"/ab_base.txt","w").write(side('base',0))
open(out+"/ab_head_pass.txt","w").write(side('head',0))
open(out+"/ab_head_regress.txt","w").write(side('head',0.10))
open(out+"/ab_head_busy.txt","w").write(side('head',0, busy=True))
open(out+"/ab_head_missing.txt","w").write(side('head',0, drop=(4,"FalseShare/layout=pad64")))
open(out+"/ab_head_dup.txt","w").write(side('head',0, dup=(4,"FalseShare/layout=pad64")))
open(out+"/ab_head_interrupted.txt","w").write(side('head',0) + "interrupted: SIGINT\n")
