import i18next from 'i18next';
import { toWireError, type WireError } from '../../shared/contract/errors';

// The one way the renderer turns a thrown value into a line for the user. Services word errors in
// English for the CLI and the logs; here the code and what the error names (file, line, field) become a
// sentence in the UI language. English keeps the service's message as it is: it already names the
// place, and it is the same sentence the CLI prints.

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The error's line in `language`, worded through `t` (the `errors` namespace). */
export function describeError(wire: WireError, language: string, t: Translate): string {
  if (!language.startsWith('zh')) return wire.message || t('code.' + wire.code);
  const where = wire.where ?? {};
  const place = [
    where.file !== undefined ? t('place.file', { file: where.file }) : null,
    where.line !== undefined ? t('place.line', { line: where.line }) : null,
    where.field !== undefined ? t('place.field', { field: where.field }) : null,
  ].filter((p) => p !== null).join('，');
  const headline = t('code.' + wire.code);
  return place === '' ? t('plain', { headline, message: wire.message }) : t('placed', { headline, place, message: wire.message });
}

/** The text of a thrown value for an error line in the UI, in the current UI language. */
export function errorText(error: unknown): string {
  return describeError(toWireError(error), i18next.language ?? 'en', (key, values) => i18next.t(key, { ns: 'errors', ...values }));
}
