import { toWireError } from '../../../shared/contract/errors';
import { errorText } from '../../app/error-text';

// A change the studio could not write comes with what was lost and the OS code as data
// (electron/services/chat/chat-file-store.ts); here it becomes a sentence in the UI language that says what
// happened and what to do, instead of the service's English line.

const KNOWN_CAUSES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EROFS', 'EIO']);

type Translate = (key: string, values?: Record<string, string>) => string;

/** The chat's error line for `error`: the not-saved sentence in the UI language, or the studio's error line. */
export function chatErrorLine(error: unknown, t: Translate): string {
  const unsaved = toWireError(error).where?.unsaved;
  if (!unsaved) return errorText(error);
  const code = unsaved.osCode === 'EPERM' ? 'EACCES' : unsaved.osCode;
  const cause = code && KNOWN_CAUSES.has(code) ? code : 'other';
  return t(`notSaved.${unsaved.change}`, { cause: t(`notSaved.causes.${cause}`) });
}
