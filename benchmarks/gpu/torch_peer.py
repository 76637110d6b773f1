"""PyTorch peers for DynLang's GPU benchmark: the same updates DynLang's ILGPU kernels run.

    python3 torch_peer.py [--device cuda|cpu] [--lif-n N] [--gs-size S] [--out FILE.json]

Times, on one device, with CUDA events (or wall time on the CPU), median of repeats after warm-up:
  - LIF step, float32, N neurons: v = v + dt*(-v + I)/tau (as written, "eager") then threshold
    and reset (v > v_th -> v_reset); the same as one fused expression under torch.compile;
  - Gray-Scott step, float32, S x S periodic (torch.roll Laplacian, the reference's order of
    operations), eager and torch.compile;
  - a device-to-device copy of as many bytes as each update must move: the bandwidth ceiling.
Prints one JSON object (also written to --out): times in seconds per step and bytes per step.
torch.compile is reported as unavailable (not failed) where this PyTorch lacks it (< 2.0).
"""
import argparse
import json
import statistics
import sys
import time

import torch


def timer(device):
    """A function that times fn() once, in seconds."""
    if device.type == 'cuda':
        def run(fn):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            fn()
            end.record()
            torch.cuda.synchronize()
            return start.elapsed_time(end) / 1e3
    else:
        def run(fn):
            t0 = time.perf_counter()
            fn()
            return time.perf_counter() - t0
    return run


def measure(fn, device, warmup=5, repeats=30):
    time_once = timer(device)
    for _ in range(warmup):
        fn()
    if device.type == 'cuda':
        torch.cuda.synchronize()
    times = [time_once(fn) for _ in range(repeats)]
    return {'median_s': statistics.median(times), 'min_s': min(times), 'repeats': repeats}


def try_compile(fn):
    if not hasattr(torch, 'compile'):
        return None, 'torch.compile not available in PyTorch ' + torch.__version__
    try:
        return torch.compile(fn), None
    except Exception as e:  # noqa: BLE001 - report, do not fail the other measurements
        return None, f'torch.compile failed: {type(e).__name__}: {e}'


def lif(device, n):
    dt, tau, v_th, v_reset = 1e-4, 1e-2, -0.05, -0.065
    v = torch.full((n,), -0.06, device=device, dtype=torch.float32)
    current = torch.linspace(-0.01, 0.03, n, device=device, dtype=torch.float32)

    def eager():
        v.add_(dt * (-v + current) / tau)
        v.masked_fill_(v > v_th, v_reset)

    def fused(v_in, i_in):
        v_new = v_in + dt * (i_in - v_in) / tau
        return torch.where(v_new > v_th, torch.full_like(v_new, v_reset), v_new)

    result = {'n': n, 'bytes_per_step': 3 * 4 * n, 'eager': measure(eager, device)}
    compiled, why = try_compile(fused)
    if compiled is None:
        result['compiled'] = {'unavailable': why}
    else:
        def run_compiled():
            v.copy_(compiled(v, current))  # copy_ keeps the comparison in place; counted below
        result['compiled'] = measure(run_compiled, device)
        result['compiled']['note'] = 'includes a copy of v back into place (4 B per neuron more)'
    return result


def gray_scott(device, size):
    du, dv, f, k, dt = 0.16, 0.08, 0.035, 0.065, 1.0
    u = torch.ones((size, size), device=device, dtype=torch.float32)
    v = torch.zeros((size, size), device=device, dtype=torch.float32)
    lo, hi = size // 2 - 10, size // 2 + 10
    u[lo:hi, lo:hi] = 0.5
    v[lo:hi, lo:hi] = 0.25

    def lap(x):
        return (((torch.roll(x, 1, 0) + torch.roll(x, -1, 0)) + torch.roll(x, 1, 1)) + torch.roll(x, -1, 1)) - 4.0 * x

    def step(u_in, v_in):
        uvv = (u_in * v_in) * v_in
        u_new = u_in + dt * ((du * lap(u_in) - uvv) + f * (1.0 - u_in))
        v_new = v_in + dt * ((dv * lap(v_in) + uvv) - (f + k) * v_in)
        return u_new, v_new

    state = [u, v]

    def eager():
        state[0], state[1] = step(state[0], state[1])

    # Per cell: read u, v; write u', v' (the ideal traffic of a fused stencil step).
    result = {'size': size, 'bytes_per_step': 4 * 4 * size * size, 'eager': measure(eager, device)}
    compiled, why = try_compile(step)
    if compiled is None:
        result['compiled'] = {'unavailable': why}
    else:
        def run_compiled():
            state[0], state[1] = compiled(state[0], state[1])
        result['compiled'] = measure(run_compiled, device)
    return result


def copy_ceiling(device, nbytes):
    """Device-to-device copy moving nbytes (half read, half written): the bandwidth ceiling."""
    n = nbytes // 8  # float32 elements per side: read n*4 bytes, write n*4 bytes
    src = torch.ones(n, device=device, dtype=torch.float32)
    dst = torch.empty_like(src)
    r = measure(lambda: dst.copy_(src), device)
    r['bytes'] = 2 * 4 * n
    r['gb_per_s'] = r['bytes'] / r['median_s'] / 1e9
    return r


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--lif-n', type=int, default=10_000_000)
    p.add_argument('--gs-size', type=int, default=4096)
    p.add_argument('--out')
    a = p.parse_args()
    device = torch.device(a.device)
    out = {
        'torch': torch.__version__, 'device': str(device),
        'device_name': torch.cuda.get_device_name(device) if device.type == 'cuda' else 'cpu',
        'lif': lif(device, a.lif_n),
        'gray_scott': gray_scott(device, a.gs_size),
    }
    out['copy_ceiling'] = copy_ceiling(device, max(out['lif']['bytes_per_step'], out['gray_scott']['bytes_per_step']))
    text = json.dumps(out, indent=1)
    if a.out:
        with open(a.out, 'w') as fh:
            fh.write(text)
    print(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
