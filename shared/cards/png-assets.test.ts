import { describe, expect, it } from 'vitest';
import { placePngAssets } from './png-assets';

const bytes = (text: string) => new TextEncoder().encode(text);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]);

describe('PNG asset chunks → files', () => {
  it('places referenced chunks in the CHARX layout and rewrites their URIs', () => {
    const placed = placePngAssets(
      { extensions: {}, assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }, { type: 'emotion', uri: '__asset:1', name: 'happy', ext: 'unknown' }] },
      [{ key: '1', bytes: PNG }],
    );
    expect(placed.assets).toEqual([
      { type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' },
      { type: 'emotion', uri: 'embeded://assets/emotion/images/1.png', name: 'happy', ext: 'unknown' },
    ]);
    expect(placed.files).toEqual([{ path: 'assets/emotion/images/1.png', bytes: PNG }]);
  });

  it("names chunks from RisuAI's V2 emotion list, keeps unnamed ones, and reports a reference without its chunk", () => {
    const placed = placePngAssets(
      { extensions: { risuai: { emotions: [['sad', '__asset:2']] } }, assets: [{ type: 'emotion', uri: '__asset:9', name: 'gone', ext: 'png' }] },
      [{ key: '2', bytes: PNG }, { key: '../../x', bytes: bytes('voice') }],
    );
    expect(placed.assets).toEqual([
      { type: 'emotion', uri: 'embeded://assets/emotion/images/2.png', name: 'sad', ext: 'unknown' },
      { type: 'other', uri: 'embeded://assets/other/other/x.bin', name: '../../x', ext: 'unknown' },
    ]);
    expect(placed.warnings).toEqual(['asset "gone" (emotion) points to __asset:9, but the PNG has no "chara-ext-asset_:9" chunk; left out']);
  });

  it('leaves a card without assets or chunks as it was', () => {
    expect(placePngAssets({ extensions: {} }, [])).toEqual({ assets: undefined, files: [], warnings: [] });
  });
});
