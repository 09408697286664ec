import { embeddedPath, isMainIcon, pngAssetKey } from './card-assets';
import type { CardAsset } from './card-schema';
import type { Omission } from './export-omissions';

// Which of a character's assets each export carries. A CHARX and a V3 PNG carry every asset kept as a
// file (the caller writes them as archive entries or `chara-ext-asset_` chunks); a JSON card carries
// only assets that stand alone (URLs, data URIs, `ccdefault:`). The portrait always comes first and
// stands in for every recorded main icon. Whatever a format cannot carry is listed, never dropped
// silently.

/** The container an export writes the card into. */
export type CardContainer = 'png' | 'json' | 'charx';

/** An asset an export carries; `file` is the kept file (path under card-assets/) whose bytes go with it. */
export interface PlannedAsset {
  asset: CardAsset;
  file: string | null;
}

/** What one export carries and leaves out. */
export interface AssetPlan {
  /** The card's assets in order, the portrait first. */
  carried: PlannedAsset[];
  /** Kept files that belong to no asset (module.risum, x_meta/…): a CHARX carries them as they are. */
  extraFiles: string[];
  omitted: Omission[];
  /** Recorded assets whose file is gone. */
  warnings: string[];
}

const omission = (asset: CardAsset, part: Omission['part'] = 'file'): Omission => ({ part, kind: 'asset', name: asset.name, type: asset.type });

/**
 * The plan for `container`. `portrait`: the main icon the export writes (null for JSON, which has no
 * image); `hasAvatar`: whether the character has one (a JSON card then leaves the portrait out).
 */
export function planAssets(
  container: CardContainer,
  recorded: readonly CardAsset[],
  keptFiles: readonly string[],
  portrait: PlannedAsset | null,
  hasAvatar: boolean,
): AssetPlan {
  const kept = new Set(keptFiles);
  const used = new Set(portrait?.file ? [portrait.file] : []);
  const carried: PlannedAsset[] = portrait ? [portrait] : [];
  const omitted: Omission[] = [];
  const warnings: string[] = [];
  const portraitStandsIn = portrait !== null || hasAvatar;
  if (portrait === null && hasAvatar) omitted.push({ part: 'file', kind: 'asset', name: 'main', type: 'icon' });
  for (const asset of recorded) {
    const path = embeddedPath(asset.uri);
    const file = path !== null && kept.has(path) ? path : null;
    if (portraitStandsIn && isMainIcon(asset)) {
      // A main icon kept as a file beside the portrait (too large for an avatar) cannot be a second main icon.
      if (file !== null && !used.has(file)) omitted.push(omission(asset));
      if (file !== null) used.add(file);
      continue;
    }
    if (path === null && pngAssetKey(asset.uri) === null) {
      carried.push({ asset, file: null });
      continue;
    }
    if (file === null) {
      warnings.push(`asset "${asset.name}" (${asset.uri}) is not in the character's folder; left out`);
      continue;
    }
    used.add(file);
    if (container === 'json') omitted.push(omission(asset));
    else carried.push({ asset, file });
  }
  const extra = keptFiles.filter((f) => !used.has(f));
  if (container !== 'charx') omitted.push(...extra.map((name): Omission => ({ part: 'file', kind: 'file', name })));
  if (container === 'png') omitted.push(...carried.filter((c) => c !== portrait).map((c) => omission(c.asset, 'v2-chunk')));
  return { carried, extraFiles: container === 'charx' ? extra : [], omitted, warnings };
}
