import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAvatarUrl } from '../use-avatar-url';
import { useEditor } from './editor-store';

/** Avatar from a file or the clipboard; the service checks it is an image and not too large. */
export function AvatarPicker() {
  const { t } = useTranslation('characters');
  const draft = useEditor((s) => s.draft)!;
  const error = useEditor((s) => s.avatarError);
  const setAvatar = useEditor((s) => s.setAvatar);
  const removeAvatar = useEditor((s) => s.removeAvatar);
  const setAvatarError = useEditor((s) => s.setAvatarError);
  const input = useRef<HTMLInputElement>(null);
  // The stamp changes when a new image replaces one with the same file name.
  const stamp = useEditor((s) => s.avatarStamp);
  const url = useAvatarUrl(draft.id, draft.avatar, stamp);
  return (
    <div className="avatar-picker">
      <div
        className="avatar-drop"
        tabIndex={0}
        role="button"
        aria-label={t('avatar.paste')}
        data-testid="avatar-paste"
        onPaste={(e) => {
          const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/')) ?? e.clipboardData.files[0];
          e.preventDefault();
          if (file) void setAvatar(file, file.name || 'pasted image');
          else setAvatarError(t('avatar.pasteNoImage'));
        }}
      >
        {url ? <img src={url} alt={t('avatar.alt', { name: draft.name })} data-testid="avatar-image" /> : <span className="avatar-initial">{draft.name.slice(0, 1)}</span>}
      </div>
      <div className="avatar-tools">
        <small className="cfield-hint">{t('avatar.paste')}</small>
        <div className="actions">
          <button type="button" onClick={() => input.current?.click()}>{t('avatar.choose')}</button>
          {draft.avatar && <button type="button" className="danger" onClick={() => void removeAvatar()}>{t('avatar.remove')}</button>}
        </div>
        <input
          ref={input}
          type="file"
          hidden
          accept="image/png,image/jpeg,image/gif,image/webp"
          data-testid="avatar-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void setAvatar(file, file.name);
          }}
        />
        {error && <p className="error" role="alert" data-testid="avatar-error">{error}</p>}
      </div>
    </div>
  );
}
