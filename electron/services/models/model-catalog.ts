import { fileURLToPath } from 'node:url';
import { StudioError } from '../../../shared/contract/errors';
import { catalogSchema, type Catalog, type CatalogLicence } from '../../../shared/models/catalog';
import { readJsonFile } from '../fs/read-json';

/** The catalog shipped with the studio; STUDIO_CATALOG points elsewhere (tests, mirrors). */
export const BUNDLED_CATALOG = fileURLToPath(new URL('../../../models/catalog.json', import.meta.url));

/** Reads and validates the catalog; a broken catalog is named, never silently empty. */
export async function loadCatalog(path = process.env.STUDIO_CATALOG || BUNDLED_CATALOG): Promise<Catalog> {
  return readJsonFile(path, catalogSchema, { version: 1, licences: [], entries: [] });
}

/** A licence by id, or a named error. */
export function catalogLicence(catalog: Catalog, id: string): CatalogLicence {
  const licence = catalog.licences.find((l) => l.id === id);
  if (!licence) throw new StudioError('not_found', `unknown licence "${id}"`);
  return licence;
}
