#!/usr/bin/env python3
"""Brian2's side of the scaling benchmark: cpp_standalone projects built once, run many times.

    /usr/bin/python3 brian2_scaling.py build --model cuba|cobahh --data DIR --duration S \
        --threads 0|2 --project DIR --out BUILD.json
    /usr/bin/python3 brian2_scaling.py run --project DIR --out RUN.json

build: creates the network from the .npy files in DIR (init_v/ge/gi.npy, Ce_i/_j.npy,
       Ci_i/_j.npy: raw SI values and absolute neuron indices, connect(i=, j=)), a SpikeMonitor
       on all neurons, `run(duration)`, and lets Brian generate and compile the C++ project in an
       emptied project directory (`device.build(compile=True, run=False)`). --threads 0 is
       Brian's default (no OpenMP: one thread); --threads 2 sets
       prefs.devices.cpp_standalone.openmp_threads = 2 (OpenMP, compiled in). The JSON gives the
       time to create the objects in Python, to generate the code, and `make` (Brian runs
       `make -j` with `-O3 -ffast-math -march=native`, its default flags).
run:   runs the compiled binary once (as Brian's device.run does: ./main in the project
       directory, with Brian's run-time environment variables) and reads back what it wrote:
       the loop time Brian measured (results/last_run_info.txt = `device._last_run_time`:
       without OpenMP std::clock() CPU time of the step loop, with OpenMP omp_get_wtime() wall
       time), the spikes (count, excitatory count, a hash of the raster sorted by (step,
       neuron), synaptic events = sum of the out-degrees of the spiking neurons), and the
       binary's wall time (includes loading the arrays and writing the results).

Exit: 0 done; 1 error (the message says what); 3 Brian2 not importable.
"""
import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

CUBA_EQS = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''

# Brian2 2.5.1 examples/COBAHH.py, as in tests/reference/cobahh/make_cobahh.py.
COBAHH_EQS = '''
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
'''

DATA_FILES = ['init_v', 'init_ge', 'init_gi', 'Ce_i', 'Ce_j', 'Ci_i', 'Ci_j']


def fail(msg, code=1):
    print(f'error: {msg}', file=sys.stderr, flush=True)
    sys.exit(code)


def load_data(data_dir):
    """The network's arrays, checked (a clear message rather than a traceback)."""
    if not os.path.isdir(data_dir):
        fail(f'data folder {data_dir} does not exist (make_data.py writes it)')
    d = {}
    for name in DATA_FILES:
        path = os.path.join(data_dir, name + '.npy')
        if not os.path.isfile(path):
            fail(f'{path} is missing')
        try:
            d[name] = np.load(path)
        except Exception as e:  # noqa: BLE001 - any unreadable file is reported the same way
            fail(f'{path} is not a readable .npy file ({e})')
    n = len(d['init_v'])
    for v in ('init_ge', 'init_gi'):
        if len(d[v]) != n:
            fail(f'{v}.npy has {len(d[v])} values, init_v.npy {n}: one value per neuron in each')
    for s in ('Ce', 'Ci'):
        i, j = d[s + '_i'], d[s + '_j']
        if len(i) != len(j):
            fail(f'{s}_i.npy has {len(i)} indices but {s}_j.npy {len(j)}: one pair per synapse')
        for arr, what in ((i, s + '_i'), (j, s + '_j')):
            if arr.dtype.kind not in 'iu':
                fail(f'{what}.npy holds {arr.dtype}, not integers')
            if len(arr) and (arr.min() < 0 or arr.max() >= n):
                fail(f'{what}.npy has indices in [{arr.min()}, {arr.max()}], outside [0, {n})')
    return d, n


def out_degree(d, n):
    return (np.bincount(d['Ce_i'], minlength=n) + np.bincount(d['Ci_i'], minlength=n)).astype(np.int64)


def env_info():
    import platform
    info = {'python': sys.version.split()[0], 'platform': platform.platform(), 'ncpu': os.cpu_count()}
    for mod in ('numpy', 'brian2'):
        try:
            info[mod] = __import__(mod).__version__
        except Exception as e:  # noqa: BLE001
            info[mod] = f'unavailable ({e.__class__.__name__})'
    try:
        info['gcc'] = subprocess.run(['g++', '--version'], capture_output=True, text=True).stdout.splitlines()[0]
    except Exception:  # noqa: BLE001
        info['gcc'] = 'unavailable'
    return info


def write_json(obj, path):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')
    os.replace(tmp, path)


def build(a):
    try:
        import brian2 as b2
    except ImportError:
        fail('Brian2 is not importable by ' + sys.executable + ' (Debian: apt-get install python3-brian)', 3)
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, Equations, ms, mV, nS,
                        siemens, msiemens, ufarad, cm, umetre, second, prefs, set_device, device)
    d, n = load_data(a.data)
    project = os.path.abspath(a.project)
    if os.path.isdir(project):
        shutil.rmtree(project)                       # always an empty project directory
    os.makedirs(os.path.dirname(project), exist_ok=True)
    prefs.logging.file_log = False
    prefs.logging.delete_log_on_exit = True
    set_device('cpp_standalone', directory=project, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = a.threads
    t0 = time.perf_counter()
    b2.defaultclock.dt = a.dt * second
    if a.model == 'cuba':
        ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV,
                  we=(60 * 0.27 / 10) * mV, wi=(-20 * 4.5 / 10) * mV)
        P = NeuronGroup(n, CUBA_EQS, threshold='v>Vt', reset='v = Vr', refractory=5 * ms,
                        method='exact', namespace=ns, name='P')
    else:
        area = 20000 * umetre ** 2
        ns = dict(Cm=(1 * ufarad * cm ** -2) * area, gl=(5e-5 * siemens * cm ** -2) * area,
                  El=-60 * mV, EK=-90 * mV, ENa=50 * mV,
                  g_na=(100 * msiemens * cm ** -2) * area, g_kd=(30 * msiemens * cm ** -2) * area,
                  VT=-63 * mV, taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV, we=6 * nS, wi=67 * nS)
        P = NeuronGroup(n, model=Equations(COBAHH_EQS), threshold='v>-20*mV', refractory=3 * ms,
                        method='exponential_euler', namespace=ns, name='P')
    Ce = Synapses(P, P, on_pre='ge += we', namespace=ns, name='Ce')
    Ci = Synapses(P, P, on_pre='gi += wi', namespace=ns, name='Ci')
    Ce.connect(i=d['Ce_i'], j=d['Ce_j'])
    Ci.connect(i=d['Ci_i'], j=d['Ci_j'])
    P.v_ = d['init_v']
    P.ge_ = d['init_ge']
    P.gi_ = d['init_gi']
    smon = SpikeMonitor(P, name='smon')
    net = Network(P, Ce, Ci, smon)
    net.run(a.duration * second, namespace=ns)
    t_objects = time.perf_counter() - t0
    t0 = time.perf_counter()
    device.build(directory=project, compile=True, run=False, with_output=False)
    t_build = time.perf_counter() - t0
    make_s = float(device.timers['compile']['make'] or 0.0)
    np.save(os.path.join(project, 'bench_out_degree.npy'), out_degree(d, n))
    run_env = dict(prefs['devices.cpp_standalone.run_environment_variables'])
    run_env.update(getattr(device, 'run_environment_variables', {}) or {})
    res = dict(
        runner='brian2', model=a.model, data=os.path.abspath(a.data), project=project,
        neurons=n, excitatory=int(round(0.8 * n)), synapses_e=int(len(d['Ce_i'])),
        synapses_i=int(len(d['Ci_i'])), dt_s=a.dt, duration_s=a.duration,
        n_steps=int(round(a.duration / a.dt)), openmp_threads=a.threads,
        compile_flags=list(prefs.codegen.cpp.extra_compile_args_gcc),
        spike_files=dict(i=os.path.relpath(device.get_array_filename(smon.variables['i']), '.'),
                         t=os.path.relpath(device.get_array_filename(smon.variables['t']), '.')),
        run_cmd=list(np.atleast_1d(prefs.devices.cpp_standalone.run_cmd_unix)),
        run_env={str(k): str(v) for k, v in run_env.items()},
        times=dict(create_objects_s=t_objects, codegen_s=t_build - make_s, make_s=make_s,
                   build_total_s=t_build),
        peak_rss_python_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        env=env_info(), date_utc=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    write_json(res, a.out)
    print(f'brian2 build {a.model} N={n} openmp_threads={a.threads}: objects {t_objects:.1f} s, '
          f'codegen {t_build - make_s:.1f} s, make {make_s:.1f} s', flush=True)


def raster_hash(i, steps, n):
    key = np.sort(steps.astype(np.int64) * n + i.astype(np.int64))
    return hashlib.sha256(key.astype('<i8').tobytes()).hexdigest()


def run(a):
    bpath = os.path.join(a.project, 'bench_build.json') if a.build is None else a.build
    if not os.path.isfile(bpath):
        fail(f'{bpath} is missing: build the project first (brian2_scaling.py build)')
    with open(bpath) as f:
        b = json.load(f)
    project = b['project']
    if not os.path.isfile(os.path.join(project, 'main')):
        fail(f'{project}/main is missing: build the project first')
    results = os.path.join(project, 'results')
    info = os.path.join(results, 'last_run_info.txt')
    for p in (info, os.path.join(project, b['spike_files']['i']), os.path.join(project, b['spike_files']['t'])):
        if os.path.exists(p):
            os.remove(p)                            # never read a previous run's output
    env = dict(os.environ)
    env.update(b['run_env'])
    if b['openmp_threads'] > 0:
        env.pop('OMP_NUM_THREADS', None)            # the binary sets its own thread count
    load0 = os.getloadavg()
    t0 = time.perf_counter()
    with open(os.path.join(results, 'stdout.txt'), 'w') as out:
        rc = subprocess.call(b['run_cmd'], cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
    load1 = os.getloadavg()
    peak_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # the binary (only child)
    if rc != 0:
        fail(f'{project}: {" ".join(b["run_cmd"])} exited {rc} (see {results}/stdout.txt)')
    with open(info) as f:
        loop_s, fraction = (float(x) for x in f.read().split())
    n, dt = b['neurons'], b['dt_s']
    i = np.fromfile(os.path.join(project, b['spike_files']['i']), dtype=np.int32)
    t = np.fromfile(os.path.join(project, b['spike_files']['t']), dtype=np.float64)
    if len(i) != len(t):
        fail(f'{project}: {len(i)} spike indices but {len(t)} spike times')
    steps = np.rint(t / dt).astype(np.int64)
    outdeg = np.load(os.path.join(project, 'bench_out_degree.npy'))
    events = int(outdeg[i].sum())
    neuron_steps = n * b['n_steps']
    res = dict(
        runner='brian2-openmp%d' % b['openmp_threads'] if b['openmp_threads'] else 'brian2-1thread',
        model=b['model'], neurons=n, synapses=b['synapses_e'] + b['synapses_i'],
        duration_s=b['duration_s'], n_steps=b['n_steps'], threads=max(1, b['openmp_threads']),
        spikes=int(len(i)), spikes_e=int(np.sum(i < b['excitatory'])), raster_sha256=raster_hash(i, steps, n),
        events=events, loop_s=loop_s, completed_fraction=fraction,
        loop_clock=('omp_get_wtime() wall time' if b['openmp_threads'] else
                    'std::clock() CPU time of the process (Brian without OpenMP)'),
        binary_wall_s=wall, peak_rss_bytes=peak_rss,
        ns_per_event=(loop_s * 1e9 / events) if events else None,
        ns_per_neuron_step=loop_s * 1e9 / neuron_steps,
        loadavg_start=list(load0), loadavg_end=list(load1),
        date_utc=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    write_json(res, a.out)
    print(json.dumps({k: res[k] for k in ('runner', 'spikes', 'loop_s', 'binary_wall_s')}), flush=True)


def main():
    ap = argparse.ArgumentParser(description='Brian2 cpp_standalone side of the scaling benchmark.')
    sub = ap.add_subparsers(dest='cmd', required=True)
    pb = sub.add_parser('build')
    pb.add_argument('--model', required=True, choices=['cuba', 'cobahh', 'cobahh-fast'])  # cobahh-fast: DynLang's fast math mode; Brian2 runs plain COBAHH
    pb.add_argument('--data', required=True)
    pb.add_argument('--duration', type=float, required=True, help='biological seconds')
    pb.add_argument('--dt', type=float, default=1e-4, help='seconds (default 1e-4)')
    pb.add_argument('--threads', type=int, default=0, help='0: no OpenMP (default); k: OpenMP with k threads')
    pb.add_argument('--project', required=True)
    pb.add_argument('--out', help='build JSON (default PROJECT/bench_build.json)')
    pr = sub.add_parser('run')
    pr.add_argument('--project', required=True)
    pr.add_argument('--build', help='build JSON (default PROJECT/bench_build.json)')
    pr.add_argument('--out', required=True)
    a = ap.parse_args()
    if a.cmd == 'build':
        if a.duration <= 0 or a.dt <= 0 or a.threads < 0:
            fail('--duration and --dt must be positive, --threads >= 0')
        a.out = a.out or os.path.join(a.project, 'bench_build.json')
        build(a)
    else:
        run(a)


if __name__ == '__main__':
    main()
