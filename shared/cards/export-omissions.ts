// What an export leaves out because its format has no place for it. The spec asks an application that
// cannot save an asset to say so, so every export lists these by name: the UI in the user's language,
// the CLI as `warning:` lines.

/** One thing an exported file does not carry. */
export interface Omission {
  /** `file`: the exported file lacks it; `v2-chunk`: only the PNG's V2 `chara` chunk (read by apps without V3) lacks it. */
  part: 'file' | 'v2-chunk';
  /** An asset of the card, a file kept from an imported CHARX (module.risum, x_meta/…), or an unknown top-level card field. */
  kind: 'asset' | 'file' | 'top-level-field';
  /** The asset's name, the file's path, or the field's key. */
  name: string;
  /** The asset's type (icon, emotion, background, other, …). */
  type?: string;
}

const FORMAT_NAMES: Record<string, string> = { json: 'the JSON card', png: 'the PNG card', charx: 'the CHARX', pack: 'the pack' };

const itemText = (o: Omission): string =>
  o.kind === 'asset' ? `asset "${o.name}" (${o.type ?? 'other'})` : o.kind === 'file' ? `file "${o.name}"` : `top-level field "${o.name}"`;

/** One English line per part and kind, for the CLI's `warning:` lines. */
export function describeOmissions(format: string, omissions: readonly Omission[]): string[] {
  const groups = new Map<string, Omission[]>();
  for (const o of omissions) groups.set(`${o.part}/${o.kind}`, [...(groups.get(`${o.part}/${o.kind}`) ?? []), o]);
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const items = group.map(itemText).join(', ');
    if (first.part === 'v2-chunk') return `the V2 "chara" chunk (for apps that read only Character Card V2) carries no assets; left out of it: ${items}`;
    if (first.kind === 'top-level-field') return `Character Card V3 allows no app fields at the top level; kept in the studio but left out of ${FORMAT_NAMES[format] ?? format}: ${items}`;
    return `${FORMAT_NAMES[format] ?? format} cannot carry ${first.kind === 'asset' ? 'embedded assets' : 'these files'}; left out: ${items}`;
  });
}
