import { useTranslation } from 'react-i18next';
import { BrowsePathButton } from '../models/BrowsePathButton';

/**
 * A folder on the studio's machine: typed (serve mode: the server's disk), or picked with the desktop
 * app's folder dialog. `fresh` says the folder will be created, so it must be new or empty.
 */
export function FolderField({ label, value, onChange, testId, disabled, fresh, placeholder }: {
  label: string; value: string; onChange: (path: string) => void; testId: string; disabled: boolean; fresh: boolean; placeholder?: string;
}) {
  const { t } = useTranslation('cluster');
  return (
    <>
      <label>{label}<input data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} /></label>
      <BrowsePathButton kind="folder" disabled={disabled} onChosen={onChange} />
      {fresh && <p className="muted">{t('folderHint')}</p>}
    </>
  );
}
