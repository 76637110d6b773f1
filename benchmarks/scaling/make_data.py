#!/usr/bin/env python3
"""Scaled CUBA networks for the scaling benchmark: initial state and connectivity as .npy files,
generated once (seeded numpy) and read by both DynLang and Brian2.

    /usr/bin/python3 benchmarks/scaling/make_data.py N OUTDIR [--seed S] [--in-degree K]

The network is CUBA (Brette et al. 2007, benchmark 2; Brian2's example CUBA.py) with the
random connectivity p = 0.02 replaced by a FIXED IN-DEGREE: every neuron receives exactly
K = 80 synapses (CUBA's mean in-degree, 4000 x 0.02), 80 % of them (64) from excitatory
neurons (indices 0 .. 0.8N-1) and 20 % (16) from inhibitory ones (0.8N .. N-1), drawn
uniformly without replacement within each class (a neuron may be its own input, as with
Brian2's connect(p=...)). The synaptic weights stay CUBA's (we = 1.62 mV, wi = -9 mV): the
input each neuron sees has the same mean and variance as in CUBA at 4000 neurons, so the
activity stays in CUBA's regime whatever N is.

Initial state as in CUBA.py: v uniform in [Vr, Vt) = [-60, -50) mV, ge = gi = 0.

Files (SI units, little-endian, the layout of tests/reference/cuba/data):
  init_v.npy, init_ge.npy, init_gi.npy   float64, N
  Ce_i.npy, Ce_j.npy                      int32, excitatory synapses (pre, post), absolute indices
  Ci_i.npy, Ci_j.npy                      int32, inhibitory synapses (pre, post), absolute indices
  meta.json                               what was generated (written last: its presence means
                                          the folder is complete)
Synapses are stored in Brian2's creation order for connect(p=...): sorted by pre, then post.

The folder is written under OUTDIR.tmp-<pid> and renamed at the end, so an interrupted run
never leaves a half-written OUTDIR.
"""
import argparse
import json
import os
import shutil
import sys
import time

import numpy as np

FORMAT_VERSION = 1


def draw_rows(rng, n_rows, low, high, k):
    """n_rows x k distinct integers in [low, high) per row (uniform without replacement)."""
    population = high - low
    if k > population:
        raise SystemExit(f"error: cannot draw {k} distinct inputs from {population} neurons")
    rows = rng.integers(low, high, size=(n_rows, k), dtype=np.int64)
    # Redraw the (rare, at large N) rows with a repeated index until each row is distinct.
    while True:
        s = np.sort(rows, axis=1)
        bad = np.nonzero((s[:, 1:] == s[:, :-1]).any(axis=1))[0]
        if len(bad) == 0:
            return rows
        if population <= 4 * k:
            for r in bad:
                rows[r] = low + rng.choice(population, size=k, replace=False)
        else:
            rows[bad] = rng.integers(low, high, size=(len(bad), k), dtype=np.int64)


def pathway(rng, n, low, high, k):
    """Synapses (pre, post) with k inputs per post neuron from [low, high), sorted by (pre, post)."""
    rows = draw_rows(rng, n, low, high, k)                 # rows[j] = inputs of neuron j
    pre = rows.reshape(-1)
    post = np.repeat(np.arange(n, dtype=np.int64), k)      # ascending already
    order = np.argsort(pre, kind='stable')                 # stable: post stays ascending per pre
    return pre[order].astype(np.int32), post[order].astype(np.int32)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('n', type=int, help='number of neurons (a multiple of 5 keeps 80/20 exact)')
    ap.add_argument('outdir')
    ap.add_argument('--seed', type=int, default=2007)
    ap.add_argument('--in-degree', type=int, default=80)
    a = ap.parse_args()
    n, k = a.n, a.in_degree
    if n < 10 or k < 5:
        raise SystemExit('error: need n >= 10 and in-degree >= 5')
    ne = int(round(0.8 * n))
    ke = int(round(0.8 * k))
    ki = k - ke
    t0 = time.time()
    rng = np.random.default_rng([a.seed, n])
    Vr, Vt = -60e-3, -50e-3
    init_v = (Vr + rng.random(n) * (Vt - Vr)).astype(np.float64)
    ce_i, ce_j = pathway(rng, n, 0, ne, ke)
    ci_i, ci_j = pathway(rng, n, ne, n, ki)

    out = os.path.abspath(a.outdir)
    tmp = f'{out}.tmp-{os.getpid()}'
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(tmp)
    arrays = dict(init_v=init_v, init_ge=np.zeros(n), init_gi=np.zeros(n),
                  Ce_i=ce_i, Ce_j=ce_j, Ci_i=ci_i, Ci_j=ci_j)
    for name, arr in arrays.items():
        np.save(os.path.join(tmp, name + '.npy'), arr)
    meta = dict(model='cuba', format_version=FORMAT_VERSION, neurons=n, excitatory=ne,
                in_degree=k, in_degree_e=ke, in_degree_i=ki, seed=a.seed,
                synapses_e=int(len(ce_i)), synapses_i=int(len(ci_i)),
                weights='CUBA: we = 1.62 mV, wi = -9 mV (unchanged)',
                init='v ~ U[-60, -50) mV, ge = gi = 0',
                numpy=np.__version__, generated_s=round(time.time() - t0, 2),
                date_utc=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    with open(os.path.join(tmp, 'meta.json'), 'w') as f:
        json.dump(meta, f, indent=1)
        f.write('\n')
    if os.path.exists(out):
        shutil.rmtree(out)
    os.rename(tmp, out)
    print(json.dumps(meta), flush=True)


if __name__ == '__main__':
    sys.exit(main())
