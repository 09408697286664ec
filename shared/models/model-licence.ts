import type { CatalogLicence } from './catalog';

// Licences that must be shown and accepted before the studio downloads or converts weights. The texts
// live in models/catalog.json; acceptance is recorded per licence id in settings, so the question is
// asked once per licence.

/** A licence as shown before a download or conversion; `text` is the checkpoint's own licence file. */
export type ModelLicence = CatalogLicence & { text?: string };

/** The catalog licence that governs a model, recognised by name (CharacterGLM builds). */
export function licenceIdForModelName(name: string): string | null {
  return /character-?glm/i.test(name) ? 'characterglm-6b' : null;
}
