"""Checks a CUBA data folder written by `GpuBenchmark make-data` / `network --data` (or scaling/make_data.py):
fixed in-degree 64 + 16 from the excitatory / inhibitory ranges, no repeated synapse, sorted by (pre, post),
v in [-60, -50) mV.   /usr/bin/python3 check_cuba_data.py DIR/cuba-N   (needs numpy)"""
import sys, numpy as np
d=sys.argv[1]; v=np.load(f'{d}/init_v.npy'); n=len(v); ne=round(0.8*n)
ei,ej,ii,ij=[np.load(f'{d}/{x}.npy') for x in ('Ce_i','Ce_j','Ci_i','Ci_j')]
print(d, ei.dtype, len(ei), len(ii), v.dtype, v.min(), v.max())
assert (np.bincount(ej,minlength=n)==64).all() and (np.bincount(ij,minlength=n)==16).all()
assert ei.max()<ne and ii.min()>=ne and ii.max()<n
for i,j in ((ei,ej),(ii,ij)):
    key=i.astype(np.int64)*n+j
    assert (np.diff(key)>0).all(), 'duplicate or not sorted by (pre, post)'
print('ok: in-degree 64+16 from the right ranges, distinct, sorted by (pre, post); v in [-60,-50) mV:', v.min()>=-0.06 and v.max()<-0.05)
