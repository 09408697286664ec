import { useTranslation } from 'react-i18next';
import type { Omission } from '../../../shared/cards/export-omissions';
import type { PackExportFormat } from '../../../shared/contract/domains/packs';

const KIND_KEY: Record<Omission['kind'], 'assets' | 'files' | 'fields'> = { asset: 'assets', file: 'files', 'top-level-field': 'fields' };

/** What an export could not carry, one line per kind, every item by name (the spec asks to say so). */
export function OmittedLines({ format, omitted }: { format: PackExportFormat; omitted: readonly Omission[] }) {
  const { t } = useTranslation('packs');
  const groups = new Map<string, string[]>();
  for (const o of omitted) {
    const key = o.part === 'v2-chunk' ? 'v2Chunk' : KIND_KEY[o.kind];
    const item = o.kind === 'asset' ? t('export.omitted.asset', { name: o.name, type: o.type ?? 'other' }) : o.name;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([key, items]) => (
    <p key={key} className="omitted" data-testid="packs-omitted">
      {t(`export.omitted.${key}`, { format: t(`export.formats.${format}`), items: items.join(', ') })}
    </p>
  ));
}
