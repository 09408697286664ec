import type { AdapterSummary } from '../../../shared/training/training-job';
import { studio } from '../../transport/studio-client';

/** A character's adapters by name, as the chat's selectors list them, from the one adapter list. */
export async function adaptersByName(characterId: string): Promise<AdapterSummary[]> {
  return [...(await studio.training.listAdapters({ characterId }))].sort((a, b) => a.name.localeCompare(b.name));
}
