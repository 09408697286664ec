import { describe, expect, it } from 'vitest';
import type { CardAsset } from './card-schema';
import { planAssets } from './export-assets';

const recorded: CardAsset[] = [
  { type: 'icon', uri: 'embeded://assets/icon/images/main.png', name: 'main', ext: 'png' },
  { type: 'emotion', uri: 'embeded://assets/emotion/images/1.png', name: 'happy', ext: 'png' },
  { type: 'background', uri: 'https://example.com/sky.png', name: 'sky', ext: 'png' },
  { type: 'emotion', uri: 'embeded://assets/emotion/images/2.png', name: 'lost', ext: 'png' },
];
const kept = ['assets/emotion/images/1.png', 'module.risum'];
const portrait = { asset: { type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }, file: null };

describe('what each container carries', () => {
  it('PNG: the portrait, kept assets and URLs; the V2 chunk has none of them, kept files are named', () => {
    const plan = planAssets('png', recorded, kept, portrait, true);
    expect(plan.carried.map((c) => [c.asset.name, c.file])).toEqual([['main', null], ['happy', 'assets/emotion/images/1.png'], ['sky', null]]);
    expect(plan.omitted).toEqual([
      { part: 'file', kind: 'file', name: 'module.risum' },
      { part: 'v2-chunk', kind: 'asset', name: 'happy', type: 'emotion' },
      { part: 'v2-chunk', kind: 'asset', name: 'sky', type: 'background' },
    ]);
    expect(plan.warnings).toEqual(['asset "lost" (embeded://assets/emotion/images/2.png) is not in the character\'s folder; left out']);
  });

  it('JSON: only what stands alone; the portrait and kept assets are named as left out', () => {
    const plan = planAssets('json', recorded, kept, null, true);
    expect(plan.carried.map((c) => c.asset.name)).toEqual(['sky']);
    expect(plan.omitted.map((o) => `${o.kind}:${o.name}`)).toEqual(['asset:main', 'asset:happy', 'file:module.risum']);
  });

  it('CHARX: everything, kept files as they are', () => {
    const plan = planAssets('charx', recorded, kept, { asset: recorded[0]!, file: null }, true);
    expect(plan.carried.map((c) => c.asset.name)).toEqual(['main', 'happy', 'sky']);
    expect(plan.extraFiles).toEqual(['module.risum']);
    expect(plan.omitted).toEqual([]);
  });
});
