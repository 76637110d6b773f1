"""Prints DynLang's GPU results beside the PyTorch peers: python3 summarize.py RESULTS_DIR."""
import json
import os
import sys

r = sys.argv[1]
d = json.load(open(os.path.join(r, 'dynlang.json')))
t = json.load(open(os.path.join(r, 'torch.json')))
print('device:', d['device'], '| torch', t['torch'], t['device_name'])
for c in d['checks']:
    print('check', c['model'], 'ok' if c['ok'] else 'FAILED', '| max |dv|', c['max_abs_diff_v'], '| steps with other spikes', c['steps_with_different_spikes'])
copy = d['copy_ceiling']['gb_per_s']
lif = d['lif']['float']
print(f"LIF float32, {d['lif']['neurons']:,} neurons: DynLang {lif['median_s'] * 1e3:.3f} ms a step, "
      f"{lif['gb_per_s']:.0f} GB/s = {lif['gb_per_s'] / copy:.0%} of the device copy ({copy:.0f} GB/s)")
te = t['lif']['eager']['median_s']
print(f"  torch eager      {te * 1e3:.3f} ms ({te / lif['median_s']:.1f}x DynLang's time)")
tc = t['lif']['compiled']
print('  torch.compile   ', f"{tc['median_s'] * 1e3:.3f} ms ({tc['median_s'] / lif['median_s']:.1f}x DynLang's time)" if 'median_s' in tc else tc.get('unavailable'))
