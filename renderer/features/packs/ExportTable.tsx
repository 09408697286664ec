import { useTranslation } from 'react-i18next';
import { exportFormatSchema } from '../../../shared/contract/domains/packs';
import { usePacks } from './packs-store';
import { useMemo } from 'react';
import { useCharacters, usableCharacters } from '../characters/characters-store';

/** Every character with a download button per format (PNG card, JSON, CHARX, studio pack). */
export function ExportTable() {
  const { t } = useTranslation('packs');
  const list = useCharacters((s) => s.list);
  const characters = useMemo(() => (list === null ? null : usableCharacters(list)), [list]);
  const busy = usePacks((s) => s.busy);
  const exportCharacter = usePacks((s) => s.exportCharacter);
  if (characters === null) return null;
  return (
    <section className="packs-panel">
      <h2>{t('export.heading')}</h2>
      {characters.length === 0 ? (
        <p className="empty" data-testid="packs-export-empty">{t('export.empty')}</p>
      ) : (
        <table className="table" data-testid="packs-export-table">
          <thead>
            <tr>
              <th>{t('export.name')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {characters.map((c) => (
              <tr key={c.id} data-character-id={c.id}>
                <td>
                  {c.name} {c.nickname && <span className="badge">{c.nickname}</span>}
                </td>
                <td>
                  <div className="actions">
                    {exportFormatSchema.options.map((format) => (
                      <button
                        key={format}
                        type="button"
                        disabled={busy !== null}
                        title={t(`export.hints.${format}`)}
                        data-testid={`export-${format}-${c.id}`}
                        onClick={() => void exportCharacter(c, format)}
                      >
                        {t(`export.formats.${format}`)}
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
