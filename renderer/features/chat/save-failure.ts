import { errorText } from '../../app/error-text';

// The studio words a change it could not write as `chat "Tea house": the disk is full (ENOSPC); your
// message was not saved` (electron/services/chat/chat-store.ts). That sentence is English and names
// the OS code; here it becomes a sentence in the UI language, so the user reads what happened and what
// to do in their own language.

const NOT_SAVED = /(?:\((E[A-Z0-9]+)\))?; (your message|the reply|the new chat|the change) was not saved$/;
const KNOWN_CAUSES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EROFS', 'EIO']);

/** What could not be saved and why, or null for a message that says no such thing. */
export function parseNotSaved(message: string): { what: 'message' | 'reply' | 'change'; cause: string } | null {
  const match = NOT_SAVED.exec(message);
  if (!match) return null;
  const code = match[1] === 'EPERM' ? 'EACCES' : match[1];
  const what = match[2] === 'your message' ? 'message' : match[2] === 'the reply' ? 'reply' : 'change';
  return { what, cause: code && KNOWN_CAUSES.has(code) ? code : 'other' };
}

type Translate = (key: string, values?: Record<string, string>) => string;

/** The chat's error line for `error`: the not-saved sentence in the UI language, or the studio's error line. */
export function chatErrorLine(error: unknown, t: Translate): string {
  const failure = parseNotSaved(error instanceof Error ? error.message : String(error));
  if (!failure) return errorText(error);
  return t(`notSaved.${failure.what}`, { cause: t(`notSaved.causes.${failure.cause}`) });
}
