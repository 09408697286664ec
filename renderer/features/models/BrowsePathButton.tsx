import { useTranslation } from 'react-i18next';
import { isDesktop } from '../../desktop/file-transfer';
import { studio } from '../../transport/studio-client';

/**
 * Inside the desktop app, model paths must come from a native dialog (the main process refuses typed
 * paths outside the library), so the path fields get a Browse button there. A browser has no way to
 * name a server-side path, so serve mode keeps the typed field only.
 */
export function BrowsePathButton({ kind, onChosen, disabled }: { kind: 'model-file' | 'checkpoint-folder' | 'folder'; onChosen: (path: string) => void; disabled?: boolean }) {
  const { t } = useTranslation('models');
  if (!isDesktop()) return null;
  const browse = async (): Promise<void> => {
    const chosen = await studio.desktop.choosePath({ kind });
    if (!chosen.canceled && chosen.path) onChosen(chosen.path);
  };
  return (
    <button type="button" data-testid={`browse-${kind}`} disabled={disabled} onClick={() => void browse()}>
      {t('add.browse')}
    </button>
  );
}
