import extractChunks from 'png-chunks-extract';
import pngText from 'png-chunk-text';
import yauzl from 'yauzl';

// A second reader of card files, for tests only, that follows the rules RisuAI's importer applies
// (written from the V3 spec and from how RisuAI behaves, not from its code), so the studio's exports are
// checked by something other than the studio's own reader:
//   - a CHARX is a zip with `card.json` at its root, spec `chara_card_v3`; every other entry that is not
//     `module.risum` and not a `.json` file (x_meta/…, which is optional) is an asset, and there must be
//     at least one: RisuAI's import finishes only after it has saved an asset;
//   - `embeded://path` resolves to the zip entry at exactly that path, `__asset:key` to the PNG's
//     `chara-ext-asset_:key` chunk (base64); an unresolved reference fails the import;
//   - a PNG's `ccv3` chunk wins over `chara`; `ccdefault:` is the image itself;
//   - of several icons exactly one is named `main`.

/** An asset as RisuAI would load it. */
export interface RisuAsset {
  type: string;
  name: string;
  ext: string;
  /** The bytes it resolved to; null for `ccdefault:` and URLs. */
  bytes: Buffer | null;
}

/** What the reader found. */
export interface RisuRead {
  card: { spec: string; data: Record<string, unknown> & { assets?: { type: string; uri: string; name: string; ext: string }[] } };
  assets: RisuAsset[];
  /** Zip entries or PNG chunks other than the card (for checking what travelled). */
  containerEntries: string[];
}

function fail(message: string): never {
  throw new Error(`RisuAI would refuse this file: ${message}`);
}

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        stream.on('data', (part: Buffer) => parts.push(part));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

function resolveAssets(card: RisuRead['card'], lookup: (uri: string) => Buffer | null | undefined): RisuAsset[] {
  if (card.spec !== 'chara_card_v3') fail(`spec is "${card.spec}", not chara_card_v3`);
  const assets = card.data.assets ?? [];
  const icons = assets.filter((a) => a.type === 'icon');
  if (icons.length > 1 && icons.filter((a) => a.name === 'main').length !== 1) fail('several icons, but not exactly one named "main"');
  return assets.map((a) => {
    const bytes = lookup(a.uri);
    if (bytes === undefined) fail(`asset "${a.name}" points to ${a.uri}, which is not in the file`);
    return { type: a.type, name: a.name, ext: a.ext, bytes };
  });
}

const standalone = (uri: string): Buffer | null | undefined => (uri === 'ccdefault:' || /^(https?:|data:)/.test(uri) ? null : undefined);

/** Reads a CHARX the way RisuAI does. */
export async function readCharxLikeRisu(bytes: Buffer): Promise<RisuRead> {
  const entries = await unzip(bytes);
  const cardJson = entries.get('card.json');
  if (!cardJson) fail('no card.json at the root');
  const assetEntries = [...entries.keys()].filter((p) => p !== 'card.json' && p !== 'module.risum' && !p.endsWith('.json'));
  if (assetEntries.length === 0) fail('no asset in the archive (its import would wait forever)');
  const card = JSON.parse(cardJson.toString('utf8')) as RisuRead['card'];
  const assets = resolveAssets(card, (uri) => (uri.startsWith('embeded://') ? entries.get(uri.slice('embeded://'.length)) : standalone(uri)));
  return { card, assets, containerEntries: [...entries.keys()].filter((p) => p !== 'card.json') };
}

/** Reads a PNG card the way RisuAI does. */
export function readPngLikeRisu(bytes: Buffer): RisuRead {
  const texts = new Map<string, string>();
  const chunks = new Map<string, Buffer>();
  for (const chunk of extractChunks(bytes)) {
    if (chunk.name !== 'tEXt') continue;
    const { keyword, text } = pngText.decode(chunk.data);
    if (keyword.startsWith('chara-ext-asset_')) chunks.set(keyword.replace('chara-ext-asset_:', '').replace('chara-ext-asset_', ''), Buffer.from(text, 'base64'));
    else texts.set(keyword, text);
  }
  const text = texts.get('ccv3') ?? texts.get('chara');
  if (text === undefined) fail('no ccv3 or chara chunk');
  const card = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as RisuRead['card'];
  const assets = resolveAssets(card, (uri) => (uri.startsWith('__asset:') ? chunks.get(uri.slice('__asset:'.length)) : standalone(uri)));
  return { card, assets, containerEntries: [...texts.keys(), ...[...chunks.keys()].map((k) => `chara-ext-asset_:${k}`)].filter((k) => k !== 'ccv3') };
}

/** Reads a JSON card the way RisuAI does: nothing can resolve but URLs and `ccdefault:`. */
export function readJsonLikeRisu(bytes: Buffer): RisuRead {
  const card = JSON.parse(bytes.toString('utf8')) as RisuRead['card'];
  return { card, assets: resolveAssets(card, standalone), containerEntries: [] };
}
