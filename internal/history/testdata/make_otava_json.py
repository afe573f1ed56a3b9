# Writes testdata/otava.json: series, and the change points Apache Otava
# finds on them. Run from a checkout of Apache Otava (its otava package on
# sys.path) with numpy and scipy:
#   python3 make_otava_json.py OTAVA_CHECKOUT otava.json
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from otava.analysis import compute_change_points

rng = np.random.default_rng(20261205)
def levels(lens, means, cv):
    out = []
    for n, m in zip(lens, means):
        out += list(m * (1 + cv * rng.standard_normal(n)))
    return out

series = {
    "two shifts, CV 1%": levels([30, 30, 30], [100, 110, 95], 0.01),
    "one +5% step at 100 of 200, CV 2%": levels([100, 100], [100, 105], 0.02),
    "three steps, CV 1%": levels([40, 25, 50, 35], [100, 103, 97, 104], 0.01),
    "no step, CV 2%": levels([150], [100], 0.02),
    "a creep of ten +1% commits, CV 0.5%": levels([40] + [1] * 9 + [41], [100] + [100 * 1.01 ** k for k in range(1, 10)] + [100 * 1.01 ** 10], 0.005),
    "a -8% step at 20 of 120, CV 3%": levels([20, 100], [100, 92], 0.03),
}
# Weak steps: +1.5% at 60 of 120, CV 2%, the seeds where Otava finds it.
for seed in (0, 1, 5):
    r = np.random.default_rng(seed)
    series["a weak +1.5%% step at 60 of 120, CV 2%%, seed %d" % seed] = list(100 * (1 + 0.02 * r.standard_normal(60))) + list(101.5 * (1 + 0.02 * r.standard_normal(60)))
out = []
for name, s in series.items():
    cps, _ = compute_change_points(s, window_len=50, max_pvalue=0.001, min_magnitude=0.0)
    out.append({"name": name, "series": [float(x) for x in s], "otava": [int(c.index) for c in cps],
                "otava_p": [float(c.stats.pvalue) for c in cps]})
json.dump({"otava_commit": "1ceb153", "window": 50, "alpha": 0.001, "series": out}, open(sys.argv[2], "w"), indent=1)
for o in out:
    print(o["name"], o["otava"], ["%.2g" % p for p in o["otava_p"]])
