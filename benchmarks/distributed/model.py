#!/usr/bin/env python3
"""Scaling model of docs/distributed.md ("Scaling model: where it goes at 64 ranks").

Compute per rank and step: (N/R) * (c_n + K * nu * dt * c_e)   [measured here, 1 rank x 1 thread]
Exchange per interval of D steps (two collectives: Allgather of counts, Allgatherv of spikes),
recursive doubling (Thakur, Rabenseifner & Gropp 2005): 2 * alpha * log2(R) + beta * bytes,
bytes = 4 * (N * nu * D * dt + R * D + R) received by every rank  [alpha, beta: ASSUMED network].
"""
import math

c_n = 0.55e-9      # s per neuron-step (RESULTS.md section 10: ~22 us per step for 40k neurons)
c_e = 16.4e-9      # s per synaptic event (fitted: 1 rank x 1 thread, N=1e6, no delay, 1.211 ns/neuron-step at 5.04 Hz; RESULTS.md section 12)
dt = 1e-4
alpha = 2e-6       # ASSUMED latency per message step (InfiniBand-class)
beta = 1 / 10e9    # ASSUMED 10 GB/s per link

def compute(n, r, k, nu):
    return n / r * (c_n + k * nu * dt * c_e)

def exchange(n, r, nu, d):
    b = 4 * (n * nu * d * dt + r * d + r)
    return 2 * alpha * math.log2(r) + beta * b, b

def crossover(n, k, nu, d):
    r = 2
    while r < 1 << 24:
        if exchange(n, r, nu, d)[0] / d > compute(n, r, k, nu):
            return r
        r *= 2
    return None

print("| N | K | rate Hz | D | compute/rank/interval | bytes/interval | exchange/interval | exchange share | R where exchange > compute |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in (1e6, 1e7):
    for k in (80, 10_000):
        for nu in (5, 30):
            for d in (1, 15):
                c = compute(n, 64, k, nu) * d
                e, b = exchange(n, 64, nu, d)
                x = crossover(n, k, nu, d)
                print(f"| {n:.0e} | {k} | {nu} | {d} | {c*1e6:.1f} us | {b/1e3:.1f} kB | {e*1e6:.1f} us | {100*e/(e+c):.0f} % | {x if x else '> 1.6e7'} |")
