# Reference values for FidelityReferenceTests, computed with numpy/scipy/pandas following SDMetrics' published rules.
import numpy as np, pandas as pd
from scipy.stats import ks_2samp, pearsonr, wasserstein_distance
from scipy.spatial.distance import jensenshannon
from collections import Counter

rng = np.random.default_rng(7)
def make(n, shift):
    x = np.round(rng.normal(10 + shift, 3, n), 1)
    y = np.round(0.5 * x + rng.normal(0, 1 + shift, n), 2)
    x[rng.random(n) < 0.1] = np.nan
    cats = np.array(["a", "b", "c", "d"] if shift else ["a", "b", "c"])
    c = pd.Series(rng.choice(cats, n), dtype=object)
    c[(rng.random(n) < 0.1)] = None
    return pd.DataFrame({"x": x, "y": y, "c": c})
real, synth = make(30, 0), make(25, 1)

def lit(values): return ", ".join("double.NaN" if pd.isna(v) else repr(float(v)) for v in values)
def slit(values): return ", ".join("null" if v is None or (isinstance(v, float) and np.isnan(v)) else f'"{v}"' for v in values)
for name, df in (("real", real), ("synthetic", synth)):
    print(f"// {name}\nx: {lit(df.x)}\ny: {lit(df.y)}\nc: {slit(df.c)}")

def ks(a, b): return 1 - ks_2samp(a.dropna(), b.dropna()).statistic
def tv(a, b):
    r, s = Counter(a.dropna()), Counter(b.dropna())
    for v in s:
        if v not in r: r[v] += 1e-6
    return 1 - 0.5 * sum(abs(s[v] / sum(s.values()) - r[v] / sum(r.values())) for v in r)
def binned(col, edges_from):
    edges = np.histogram_bin_edges(edges_from.dropna())
    out = pd.Series(np.digitize(col, edges), dtype=object)
    out[col.isna().values] = None
    return out
def contingency(a_real, b_real, a_syn, b_syn):
    r = pd.DataFrame({"a": a_real, "b": b_real}).groupby(["a", "b"], dropna=False).size() / len(a_real)
    s = pd.DataFrame({"a": a_syn, "b": b_syn}).groupby(["a", "b"], dropna=False).size() / len(a_syn)
    idx = r.index.union(s.index, sort=False)
    return 1 - (abs(r.reindex(idx, fill_value=0) - s.reindex(idx, fill_value=0)) / 2).sum()
def contingency_counter(a_real, b_real, a_syn, b_syn):
    key = lambda v: "<missing>" if v is None or (isinstance(v, float) and np.isnan(v)) else v
    r = Counter(zip(map(key, a_real), map(key, b_real))); s = Counter(zip(map(key, a_syn), map(key, b_syn)))
    return 1 - sum(abs(r[k] / len(a_real) - s[k] / len(a_syn)) for k in set(r) | set(s)) / 2
# pandas 1.5's MultiIndex.union duplicates keys that hold NaN, so the groupby/reindex form above double-counts
# missing cells; counting (label, label) tuples is what SDMetrics' groupby(dropna=False) intends.
def corr(real, synth, c1, c2):
    r = real[[c1, c2]].dropna(); s = synth[[c1, c2]].dropna()
    return 1 - abs(pearsonr(r[c1], r[c2])[0] - pearsonr(s[c1], s[c2])[0]) / 2
shapes = {"x": ks(real.x, synth.x), "y": ks(real.y, synth.y), "c": tv(real.c, synth.c)}
pairs = {
    "x × y": corr(real, synth, "x", "y"),
    "x × c": contingency_counter(binned(real.x, real.x), real.c, binned(synth.x, real.x), synth.c),
    "y × c": contingency_counter(binned(real.y, real.y), real.c, binned(synth.y, real.y), synth.c),
}
print("shapes", {k: repr(v) for k, v in shapes.items()}, "mean", repr(np.mean(list(shapes.values()))))
print("pairs", {k: repr(v) for k, v in pairs.items()}, "mean", repr(np.mean(list(pairs.values()))))
print("quality", repr((np.mean(list(shapes.values())) + np.mean(list(pairs.values()))) / 2))
for col in ("x", "y"):
    a, b = real[col].dropna(), synth[col].dropna()
    print("wasserstein", col, repr(wasserstein_distance(a, b) / (a.max() - a.min())))
    ra, sa = binned(real[col], real[col]).dropna(), binned(synth[col], real[col]).dropna()
    labels = range(12)
    p = [list(ra).count(l) for l in labels]; q = [list(sa).count(l) for l in labels]
    print("js", col, repr(jensenshannon(p, q, base=2)))
cats = ["a", "b", "c", "d"]
print("js c", repr(jensenshannon([list(real.c.dropna()).count(k) for k in cats], [list(synth.c.dropna()).count(k) for k in cats], base=2)))
