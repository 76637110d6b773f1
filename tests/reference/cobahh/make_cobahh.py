"""Reference data for DynLang's COBAHH test: Brian2's COBAHH example on fixed data.

The network is Brian2 2.5.1's examples/COBAHH.py (Brette et al. 2007, benchmark 3: 4000
Hodgkin-Huxley neurons, 3200 E / 800 I, conductance synapses, p = 0.02, exponential_euler,
threshold v > -20 mV, refractory 3 ms that only blocks the threshold). Its random draws
(initial v, ge, gi and the connectivity) are made here with numpy and saved as .npy, so that
DynLang can load the very same network; Brian2 then runs it from those arrays (numpy target,
double precision) and its spikes are saved.

    /usr/bin/python3 tests/reference/cobahh/make_cobahh.py [duration_ms, default 300]
    # needs Debian's python3-brian (benchmarks/brian2/run-brian2.sh --install)

Writes, next to this script:
  data/init_v.npy, init_ge.npy, init_gi.npy   float64, SI units (V, S, S)
  data/Ce_i.npy, Ce_j.npy, Ci_i.npy, Ci_j.npy   int32, absolute neuron indices (0..3999)
  results/spikes_numpy.npz                      i (int32), step (int64) of every spike, in order
  results/reference.json                        counts, versions
  results/brian_state_update_code.txt           the numpy code Brian2 generated for the update
"""
import json
import os
import sys

import numpy as np
import brian2 as b2
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, Equations, ms, mV, nS, siemens,
                    msiemens, ufarad, cm, umetre, second)

HERE = os.path.dirname(os.path.abspath(__file__))
DURATION_MS = float(sys.argv[1]) if len(sys.argv) > 1 else 300.0
N, NE, P_CONNECT, SEED = 4000, 3200, 0.02, 2007
DT = 0.1 * ms

area = 20000 * umetre ** 2
ns = dict(
    Cm=(1 * ufarad * cm ** -2) * area, gl=(5e-5 * siemens * cm ** -2) * area,
    El=-60 * mV, EK=-90 * mV, ENa=50 * mV,
    g_na=(100 * msiemens * cm ** -2) * area, g_kd=(30 * msiemens * cm ** -2) * area,
    VT=-63 * mV, taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV, we=6 * nS, wi=67 * nS)

eqs = Equations('''
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
         g_na*(m*m*m)*h*(v-ENa)-
         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
''')

# The example's random draws, made with numpy (same distributions as its 'randn()' strings).
rng = np.random.default_rng(SEED)
init_v = (-60e-3 + (rng.standard_normal(N) * 5 - 5) * 1e-3).astype(np.float64)
init_ge = ((rng.standard_normal(N) * 1.5 + 4) * 10e-9).astype(np.float64)
init_gi = ((rng.standard_normal(N) * 12 + 20) * 10e-9).astype(np.float64)


def bernoulli(sources, targets):
    mask = rng.random((len(sources), len(targets))) < P_CONNECT
    ii, jj = np.nonzero(mask)
    return sources[ii].astype(np.int32), targets[jj].astype(np.int32)


Ce_i, Ce_j = bernoulli(np.arange(0, NE), np.arange(N))
Ci_i, Ci_j = bernoulli(np.arange(NE, N), np.arange(N))

os.makedirs(os.path.join(HERE, 'data'), exist_ok=True)
os.makedirs(os.path.join(HERE, 'results'), exist_ok=True)
for name, arr in dict(init_v=init_v, init_ge=init_ge, init_gi=init_gi,
                      Ce_i=Ce_i, Ce_j=Ce_j, Ci_i=Ci_i, Ci_j=Ci_j).items():
    np.save(os.path.join(HERE, 'data', name + '.npy'), arr)

b2.prefs.codegen.target = 'numpy'
b2.defaultclock.dt = DT
P = NeuronGroup(N, model=eqs, threshold='v>-20*mV', refractory=3 * ms,
                method='exponential_euler', namespace=ns, name='P')
Ce = Synapses(P, P, on_pre='ge+=we', namespace=ns, name='Ce')
Ci = Synapses(P, P, on_pre='gi+=wi', namespace=ns, name='Ci')
Ce.connect(i=Ce_i, j=Ce_j)
Ci.connect(i=Ci_i, j=Ci_j)
P.v_ = init_v
P.ge_ = init_ge
P.gi_ = init_gi
smon = SpikeMonitor(P)
net = Network(P, Ce, Ci, smon)
net.run(DURATION_MS * ms)

steps = np.round(np.asarray(smon.t_) / float(DT)).astype(np.int64)
np.savez_compressed(os.path.join(HERE, 'results', 'spikes_numpy.npz'), i=np.asarray(smon.i, dtype=np.int32), step=steps)
summary = dict(
    model='Brian2 2.5.1 examples/COBAHH.py on fixed data (this folder)', seed=SEED,
    duration_ms=DURATION_MS, dt_ms=0.1, neurons=N, synapses_e=int(len(Ce_i)), synapses_i=int(len(Ci_i)),
    spikes_total=int(smon.num_spikes), spikes_e=int(np.sum(np.asarray(smon.i) < NE)),
    versions=dict(brian2=b2.__version__, numpy=np.__version__, python=sys.version.split()[0]))
with open(os.path.join(HERE, 'results', 'brian_state_update_code.txt'), 'w') as f:
    f.write(str(P.state_updater.codeobj.code))
with open(os.path.join(HERE, 'results', 'reference.json'), 'w') as f:
    json.dump(summary, f, indent=1)
print(json.dumps(summary))
