import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';

/** Opens a file and imports every character in it, in whichever format a registered importer reads. */
export function ImportButton() {
  const { t } = useTranslation('characters');
  const formats = useLibrary((s) => s.formats);
  const importFile = useLibrary((s) => s.importFile);
  const busy = useLibrary((s) => s.importing !== null);
  const input = useRef<HTMLInputElement>(null);
  const accept = [...new Set(formats.flatMap((f) => f.extensions))].join(',');
  return (
    <>
      <button type="button" data-testid="import-character" disabled={busy} title={formats.map((f) => f.label).join(', ')} onClick={() => input.current?.click()}>
        {t('import')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
