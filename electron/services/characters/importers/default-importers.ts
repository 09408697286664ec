import { characterglmOfficialImporter } from './characterglm-official-importer';
import { ImporterRegistry } from './importer-registry';

/** A registry with the importers this folder owns; the composition root adds the packs' formats. */
export function createImporterRegistry(): ImporterRegistry {
  const registry = new ImporterRegistry();
  registry.register(characterglmOfficialImporter);
  return registry;
}
