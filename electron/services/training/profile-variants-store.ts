import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { StudioError } from '../../../shared/contract/errors';
import { profileVariantsFileSchema, type ProfileVariant } from '../../../shared/training/profile-variants';
import { KeyedQueue } from '../fs/keyed-queue';
import { writeFileAtomic } from '../fs/atomic-write';
import { trainingPaths } from './training-paths';

// A character's profile variants in profile-variants.json beside its datasets: one small JSON file,
// rewritten whole (atomically) on every change, one change at a time per character.

export class ProfileVariantsStore {
  private readonly queue = new KeyedQueue();

  constructor(private readonly charactersDir: string) {}

  private file(characterId: string): string {
    return trainingPaths(this.charactersDir, characterId).variants;
  }

  async list(characterId: string): Promise<ProfileVariant[]> {
    const file = this.file(characterId);
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new StudioError('bad_file', `${characterId}/profile-variants.json: not valid JSON (left untouched)`);
    }
    const parsed = profileVariantsFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StudioError('bad_file', `${characterId}/profile-variants.json: ${issue.path.join('.') || 'file'}: ${issue.message} (left untouched)`);
    }
    return parsed.data.variants;
  }

  private change(characterId: string, edit: (variants: ProfileVariant[]) => ProfileVariant[]): Promise<ProfileVariant[]> {
    return this.queue.run(characterId, async () => {
      const variants = edit(await this.list(characterId));
      await writeFileAtomic(this.file(characterId), `${JSON.stringify({ version: 1, variants }, null, 2)}\n`);
      return variants;
    });
  }

  add(characterId: string, variant: Omit<ProfileVariant, 'id'>): Promise<ProfileVariant[]> {
    return this.change(characterId, (all) => [...all, { id: `pv-${randomBytes(4).toString('hex')}`, ...variant }]);
  }

  update(characterId: string, id: string, patch: { text?: string; accepted?: boolean }): Promise<ProfileVariant[]> {
    return this.change(characterId, (all) => {
      if (!all.some((v) => v.id === id)) throw new StudioError('not_found', `there is no profile variant "${id}"`);
      if (patch.text !== undefined && patch.text.trim() === '') throw new StudioError('invalid_input', 'a profile variant cannot be empty: delete it instead');
      return all.map((v) => (v.id === id ? { ...v, ...patch } : v));
    });
  }

  remove(characterId: string, id: string): Promise<ProfileVariant[]> {
    return this.change(characterId, (all) => all.filter((v) => v.id !== id));
  }
}
