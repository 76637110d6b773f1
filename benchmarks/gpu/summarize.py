"""Prints DynLang's GPU results beside the PyTorch peers: python3 summarize.py RESULTS_DIR."""
import json
import os
import sys

r = sys.argv[1]
d = json.load(open(os.path.join(r, 'dynlang.json')))
t = json.load(open(os.path.join(r, 'torch.json')))
print('device:', d['device'], '| torch', t['torch'], t['device_name'])
for c in d['checks']:
    if 'max_abs_diff_v' in c:
        print('check', c['model'], 'ok' if c['ok'] else 'FAILED', '| max |dv|', c['max_abs_diff_v'], '| steps with other spikes', c['steps_with_different_spikes'])
    else:
        print('check', c['model'], 'ok' if c['ok'] else 'FAILED', '| max |du|,|dv|', c['max_abs_diff'], '| tolerance', c['tolerance'],
              '| values not bit-identical', c['values_not_bit_identical'])
copy = d['copy_ceiling']['gb_per_s']
lif = d['lif']['float']
print(f"LIF float32, {d['lif']['neurons']:,} neurons: DynLang {lif['median_s'] * 1e3:.3f} ms a step, "
      f"{lif['gb_per_s']:.0f} GB/s = {lif['gb_per_s'] / copy:.0%} of the device copy ({copy:.0f} GB/s)")
te = t['lif']['eager']['median_s']
print(f"  torch eager      {te * 1e3:.3f} ms ({te / lif['median_s']:.1f}x DynLang's time)")
tc = t['lif']['compiled']
print('  torch.compile   ', f"{tc['median_s'] * 1e3:.3f} ms ({tc['median_s'] / lif['median_s']:.1f}x DynLang's time)" if 'median_s' in tc else tc.get('unavailable'))
gs = d.get('gray_scott')
if gs:
    gcopy = d['gray_scott_copy_ceiling']['gb_per_s']
    for precision in ('double', 'float'):
        g = gs[precision]
        print(f"Gray-Scott {precision}, {gs['size']}x{gs['size']}: DynLang {g['median_s'] * 1e3:.3f} ms a step, "
              f"{g['gb_per_s']:.0f} GB/s = {g['fraction_of_copy']:.0%} of the device copy ({gcopy:.0f} GB/s)")
    tg = t.get('gray_scott')
    if tg:
        base = gs['float']['median_s']
        for name in ('eager', 'compiled'):
            e = tg.get(name, {})
            print(f"  torch {name:<10}", f"{e['median_s'] * 1e3:.3f} ms ({e['median_s'] / base:.1f}x DynLang's float time)" if 'median_s' in e else e.get('unavailable'))
