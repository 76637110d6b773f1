#!/usr/bin/env python3
"""Summary of a scaling campaign (run.sh): medians, a markdown table, and the scaling plot.

    python3 summarize.py CAMPAIGN_DIR [--workloads W ...] [--rounds R] [--png FILE]

Reads CAMPAIGN_DIR/runs/<workload>/<runner>-r<k>.json (timed rounds), check/<workload>/
(the check round's spikes), builds/*.json and machine.json; writes CAMPAIGN_DIR/summary.md and
summary.json, prints the markdown, and draws FILE (default CAMPAIGN_DIR/scaling.png) when
matplotlib is there. Only the standard library is needed for the table.
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys

RUNNERS = ['dynlang-1core', 'dynlang-allcores', 'brian2-1thread', 'brian2-openmp2']
LABELS = {'dynlang-1core': 'DynLang 1 core', 'dynlang-allcores': 'DynLang all cores',
          'brian2-1thread': 'Brian2 1 thread', 'brian2-openmp2': 'Brian2 OpenMP 2'}


def load(path):
    with open(path) as f:
        return json.load(f)


def load1(x):
    """The 1-minute load average from a run's record: a /proc/loadavg line or Python's getloadavg() list."""
    try:
        return float(x[0]) if isinstance(x, list) else float(str(x).split()[0])
    except (TypeError, ValueError, IndexError):
        return float('nan')


def workload_key(name):
    m = re.match(r'([a-z]+)-(\d+)-', name)
    return (m.group(1) != 'cuba', int(m.group(2))) if m else (True, 0)


def aggregate(outdir, name, rounds):
    res = {'workload': name, 'runners': {}}
    check_dir = os.path.join(outdir, 'check', name)
    verdict = os.path.join(check_dir, 'verdict.json')
    res['check'] = load(verdict) if os.path.exists(verdict) else None
    check_runs = {os.path.basename(p)[:-5]: load(p) for p in glob.glob(os.path.join(check_dir, '*.json'))
                  if not p.endswith('verdict.json')}
    for runner in RUNNERS:
        files = sorted(glob.glob(os.path.join(outdir, 'runs', name, f'{runner}-r*.json')),
                       key=lambda p: int(re.search(r'-r(\d+)\.json$', p).group(1)))
        if rounds:
            files = [p for p in files if int(re.search(r'-r(\d+)\.json$', p).group(1)) <= rounds]
        runs = [load(p) for p in files]
        if not runs:
            continue
        loops = [r['loop_s'] for r in runs]
        med = statistics.median(loops)
        first = runs[0]
        spikes = sorted({r['spikes'] for r in runs})
        hashes = {r['raster_sha256'] for r in runs}
        if runner in check_runs:
            spikes = sorted(set(spikes) | {check_runs[runner]['spikes']})
            hashes |= {check_runs[runner]['raster_sha256']}
        events = first['events']
        neuron_steps = first['neurons'] * first['n_steps']
        res['runners'][runner] = dict(
            rounds=len(runs), loop_median_s=med,
            loop_cpu_median_s=(statistics.median(r['loop_cpu_s'] for r in runs if 'loop_cpu_s' in r)
                               if any('loop_cpu_s' in r for r in runs) else None), loop_min_s=min(loops), loop_max_s=max(loops),
            loops_s=loops, spikes=spikes, rasters=len(hashes), raster_sha256=sorted(hashes),
            events=events, ns_per_event=med * 1e9 / events if events else None,
            ns_per_neuron_step=med * 1e9 / neuron_steps, threads=first.get('threads'),
            peak_memory_bytes=max((r.get('peak_working_set_bytes') or r.get('peak_rss_bytes') or 0) for r in runs),
            loadavg_1min=[load1(r.get('loadavg_start')) for r in runs])
        res.setdefault('neurons', first['neurons'])
        res.setdefault('synapses', first['synapses'])
        res.setdefault('duration_s', first['duration_s'])
        res.setdefault('model', first['model'])
    all_spikes = {s for r in res['runners'].values() for s in r['spikes']}
    all_rasters = {h for r in res['runners'].values() for h in r['raster_sha256']}
    if res['check']:
        all_spikes |= set(res['check']['runs'].values())
    res['identical_counts'] = len(all_spikes) <= 1
    res['identical_rasters'] = len(all_rasters) <= 1
    res['spikes'] = sorted(all_spikes)
    dyn = [r for r in ('dynlang-1core', 'dynlang-allcores') if r in res['runners']]
    bri = [r for r in ('brian2-1thread', 'brian2-openmp2') if r in res['runners']]
    best = lambda rs: min(rs, key=lambda r: res['runners'][r]['loop_median_s']) if rs else None  # noqa: E731
    res['dynlang_best'], res['brian2_best'] = best(dyn), best(bri)
    if res['brian2_best']:
        b = res['runners'][res['brian2_best']]['loop_median_s']
        for r in dyn:
            res['runners'][r]['speedup_vs_brian2_best'] = b / res['runners'][r]['loop_median_s']
    return res


def fmt_s(x):
    return '–' if x is None else (f'{x:.3f}' if x < 10 else f'{x:.2f}' if x < 100 else f'{x:.1f}')


def fmt_n(x):
    return '–' if x is None else (f'{x:.1f}' if x < 100 else f'{x:.0f}')


def label(rows, k):
    """The runner's name with its thread count ('DynLang 2 cores' on a 2-core machine)."""
    if k == 'dynlang-allcores':
        t = sorted({r['runners'][k]['threads'] for r in rows if k in r['runners']})
        if len(t) == 1:
            return f'DynLang {t[0]} cores'
    return LABELS[k]


def markdown(outdir, rows, machine, builds):
    out = []
    if machine:
        out.append(f"Machine: {machine.get('cpu')}, {machine.get('cores_online')} cores "
                   f"({machine.get('threads_per_core')} thread(s) per core), {machine.get('memory_total_gib')} GiB; "
                   f".NET SDK {machine.get('dotnet_sdk')}, {machine.get('gcc')}, Brian2 {machine.get('brian2')}. "
                   f"Load average at start `{machine.get('loadavg_start')}`, at end `{machine.get('loadavg_end', '?')}`.")
        out.append('')
    out.append('Simulation loop, median over rounds, seconds (wall time; Brian2 without OpenMP: the CPU time '
               'its binary measures). Speed-up = Brian2\'s best median / DynLang\'s median (> 1: DynLang faster). '
               'ns/event = loop / (Σ spikes × out-degree); ns/neuron-step = loop / (N × steps); both for '
               'DynLang\'s and Brian2\'s best runner.')
    out.append('')
    out.append(f"| workload | synapses | spikes | DynLang 1 core | {label(rows, 'dynlang-allcores')} | Brian2 1 thread | "
               f"Brian2 OpenMP 2 | speed-up 1 core / {label(rows, 'dynlang-allcores')[8:]} | "
               "ns/event DynLang / Brian2 | ns/neuron-step DynLang / Brian2 | rounds |")
    out.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for r in rows:
        R = r['runners']
        cell = lambda k: fmt_s(R[k]['loop_median_s']) if k in R else '–'  # noqa: E731
        sp = ' / '.join(f"{R[k]['speedup_vs_brian2_best']:.2f}×" if k in R and 'speedup_vs_brian2_best' in R[k] else '–'
                        for k in ('dynlang-1core', 'dynlang-allcores'))
        pair = lambda f: ' / '.join(fmt_n(R[b][f]) if b else '–' for b in (r['dynlang_best'], r['brian2_best']))  # noqa: E731
        if r['identical_counts'] and r['identical_rasters']:
            spikes = f"{r['spikes'][0]:,}" if r['spikes'] else '–'
        else:
            spikes = '**differ: ' + ', '.join(f'{s:,}' for s in r['spikes']) + \
                     ('' if not r['identical_counts'] else ' (rasters differ)') + '**'
        rounds = '/'.join(str(R[k]['rounds']) for k in RUNNERS if k in R)
        out.append(f"| {r['workload']} | {r.get('synapses', 0):,} | {spikes} | {cell('dynlang-1core')} | "
                   f"{cell('dynlang-allcores')} | {cell('brian2-1thread')} | {cell('brian2-openmp2')} | {sp} | "
                   f"{pair('ns_per_event')} | {pair('ns_per_neuron_step')} | {rounds} |")
    out.append('')
    out.append('Spread and memory, per runner (min–max of the loop over rounds; CPU s: median CPU time of the DynLang '
               'process during its loop, all threads — comparable with Brian2 1 thread\'s figure, which is CPU time; '
               'peak resident memory of the process):')
    out.append('')
    out.append('| workload | runner | median s | min–max s | CPU s (DynLang) | ns/event | ns/neuron-step | spikes | peak memory | 1-min load at start |')
    out.append('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    for r in rows:
        for k in RUNNERS:
            if k not in r['runners']:
                continue
            x = r['runners'][k]
            loads = x['loadavg_1min']
            out.append(f"| {r['workload']} | {label(rows, k)} | {fmt_s(x['loop_median_s'])} | {fmt_s(x['loop_min_s'])}–"
                       f"{fmt_s(x['loop_max_s'])} | {fmt_s(x['loop_cpu_median_s'])} | {fmt_n(x['ns_per_event'])} | {fmt_n(x['ns_per_neuron_step'])} | "
                       f"{', '.join(f'{s:,}' for s in x['spikes'])} | {x['peak_memory_bytes'] / 2**30:.2f} GiB | "
                       f"{min(loads):.1f}–{max(loads):.1f} |")
    if builds:
        out.append('')
        out.append('Builds (once per campaign): ' + '; '.join(builds) + '.')
    return '\n'.join(out) + '\n'


def build_notes(outdir):
    notes = []
    p = os.path.join(outdir, 'builds', 'dynlang.json')
    if os.path.exists(p):
        notes.append(f"DynLang `dotnet build -c Release` {load(p)['build_s']:.1f} s (incremental)")
    for p in sorted(glob.glob(os.path.join(outdir, 'builds', '*-brian2-omp*.json'))):
        b = load(p)
        t = b['times']
        name = os.path.basename(p)[:-5].replace('-brian2-', ' ')
        notes.append(f"Brian2 {name}: objects {t['create_objects_s']:.1f} s, code generation {t['codegen_s']:.1f} s, "
                     f"make {t['make_s']:.1f} s")
    return notes


def plot(rows, png):
    try:
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
    except ImportError:
        print(f'(matplotlib missing: no plot; Debian: python3-matplotlib)', file=sys.stderr)
        return False
    cuba = [r for r in rows if r.get('model') == 'cuba' and r['runners']]
    cob = [r for r in rows if str(r.get('model', '')).startswith('cobahh') and r['runners']]
    ncols = 2 + (1 if cob else 0)
    fig, axes = plt.subplots(1, ncols, figsize=(5.2 * ncols, 4.4))
    style = {'dynlang-1core': ('C0', 'o', '-'), 'dynlang-allcores': ('C0', 's', '--'),
             'brian2-1thread': ('C3', 'o', '-'), 'brian2-openmp2': ('C3', 's', '--')}
    ax, ax2 = axes[0], axes[1]
    for k in RUNNERS:
        pts = [(r['neurons'], r['runners'][k], r['duration_s']) for r in cuba if k in r['runners']]
        if not pts:
            continue
        c, m, ls = style[k]
        xs = [p[0] for p in pts]
        ys = [p[1]['loop_median_s'] / p[2] for p in pts]
        lo = [y - p[1]['loop_min_s'] / p[2] for y, p in zip(ys, pts)]
        hi = [p[1]['loop_max_s'] / p[2] - y for y, p in zip(ys, pts)]
        ax.errorbar(xs, ys, yerr=[lo, hi], color=c, marker=m, ls=ls, capsize=3, label=label(rows, k))
        if k.startswith('dynlang'):
            sp = [(r['neurons'], r['runners'][k].get('speedup_vs_brian2_best')) for r in cuba if k in r['runners']]
            sp = [p for p in sp if p[1]]
            if sp:
                ax2.plot([p[0] for p in sp], [p[1] for p in sp], color=c, marker=m, ls=ls, label=label(rows, k))
    ax.set_xscale('log')
    ax.set_yscale('log')
    ax.set_xlabel('neurons N (in-degree 80)')
    ax.set_ylabel('loop wall time per simulated second (s)')
    ax.set_title('CUBA, fixed in-degree: median over rounds (bars: min–max)')
    ax.grid(True, which='both', alpha=0.3)
    ax.legend(fontsize=8)
    ax2.axhline(1, color='grey', lw=1)
    ax2.set_xscale('log')
    ax2.set_xlabel('neurons N')
    ax2.set_ylabel("speed-up vs Brian2's best (×)")
    ax2.set_title("CUBA: Brian2's best median / DynLang's (> 1: DynLang faster)", fontsize=10)
    ax2.grid(True, which='both', alpha=0.3)
    if ax2.lines[1:]:
        ax2.legend(fontsize=8)
    if cob:
        # One group of bars per COBAHH workload (platform math, then DynLang's math fast): the
        # DynLang bars differ between the groups, the Brian2 bars are the same network run again.
        ax3 = axes[2]
        ks = [k for k in RUNNERS if any(k in r['runners'] for r in cob)]
        width = 0.8 / max(len(cob), 1)
        for g, r in enumerate(cob):
            xs = [i + (g - (len(cob) - 1) / 2) * width for i in range(len(ks))]
            vals = [r['runners'][k]['loop_median_s'] / r['duration_s'] if k in r['runners'] else 0 for k in ks]
            fast = 'fast' in str(r.get('model', ''))
            ax3.bar(xs, vals, width=width, color=[style[k][0] for k in ks], alpha=0.45 if fast else 0.85,
                    hatch='//' if fast else None, label='DynLang math fast' if fast else 'platform math')
            for x, v in zip(xs, vals):
                if v:
                    ax3.text(x, v, f'{v:.2f}', ha='center', va='bottom', fontsize=7)
        ax3.set_xticks(range(len(ks)))
        ax3.set_xticklabels([label(rows, k).replace(' ', '\n', 1) for k in ks])
        ax3.set_ylabel('loop wall time per simulated second (s)')
        ax3.set_title(f"COBAHH, {cob[0]['neurons']} HH neurons")
        ax3.tick_params(axis='x', labelsize=8)
        if len(cob) > 1:
            ax3.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('outdir')
    ap.add_argument('--workloads', nargs='*', help='default: every folder under OUTDIR/runs')
    ap.add_argument('--rounds', type=int, default=0, help='use rounds 1..R only (default: all there)')
    ap.add_argument('--png', help='default OUTDIR/scaling.png')
    a = ap.parse_args()
    names = a.workloads or sorted(os.path.basename(p) for p in glob.glob(os.path.join(a.outdir, 'runs', '*')))
    names = sorted(names, key=workload_key)
    rows = [aggregate(a.outdir, n, a.rounds) for n in names]
    mpath = os.path.join(a.outdir, 'machine.json')
    machine = load(mpath) if os.path.exists(mpath) else None
    md = markdown(a.outdir, rows, machine, build_notes(a.outdir))
    with open(os.path.join(a.outdir, 'summary.md'), 'w') as f:
        f.write(md)
    with open(os.path.join(a.outdir, 'summary.json'), 'w') as f:
        json.dump(dict(machine=machine, workloads=rows), f, indent=1)
    print(md)
    png = a.png or os.path.join(a.outdir, 'scaling.png')
    if any(r['runners'] for r in rows) and plot(rows, png):
        print(f'plot: {png}')
    flagged = [r['workload'] for r in rows if not (r['identical_counts'] and r['identical_rasters'])]
    if flagged:
        print('FLAGGED (spikes differ between runners): ' + ', '.join(flagged))


if __name__ == '__main__':
    main()
