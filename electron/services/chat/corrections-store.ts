import { correctionSchema, type Correction } from '../../../shared/chat/correction';
import { StudioError } from '../../../shared/contract/errors';
import { appendJsonl, readJsonl, rewriteJsonl } from './jsonl-file';
import { KeyedQueue } from '../fs/keyed-queue';

/**
 * `corrections.jsonl` of each character: one correction per line, so the trainer (and any other tool)
 * reads it as plain JSONL. New corrections are appended; editing or deleting one rewrites the file
 * atomically.
 */
export class CorrectionsStore {
  private readonly queue = new KeyedQueue();

  /** `root` is the library folder every file must really lie in (see paths/library-path.ts). */
  constructor(
    private readonly root: string,
    private readonly fileFor: (characterId: string) => string,
  ) {}

  async list(characterId: string): Promise<{ items: Correction[]; problems: string[] }> {
    const { records, problems } = await this.queue.run(characterId, () => readJsonl(this.root, this.fileFor(characterId), correctionSchema));
    return { items: records, problems };
  }

  add(characterId: string, correction: Correction): Promise<void> {
    const valid = correctionSchema.parse(correction);
    return this.queue.run(characterId, async () => {
      await readJsonl(this.root, this.fileFor(characterId), correctionSchema);
      await appendJsonl(this.root, this.fileFor(characterId), [valid]);
    });
  }

  /** Applies `change` to the correction `id` (or removes it when `change` returns null), keeping every other line. */
  private update(characterId: string, id: string, change: (c: Correction) => Correction | null): Promise<Correction | null> {
    return this.queue.run(characterId, async () => {
      const file = this.fileFor(characterId);
      const { records, problems } = await readJsonl(this.root, file, correctionSchema);
      if (problems.length > 0) throw new StudioError('bad_file', `not rewriting damaged ${problems.join('; ')}`);
      const index = records.findIndex((c) => c.id === id);
      if (index === -1) throw new StudioError('not_found', `no correction "${id}"`);
      const next = change(records[index]!);
      const updated = next === null ? records.filter((_, i) => i !== index) : records.map((c, i) => (i === index ? next : c));
      await rewriteJsonl(this.root, file, updated);
      return next;
    });
  }

  edit(characterId: string, id: string, corrected: string): Promise<Correction | null> {
    return this.update(characterId, id, (c) => ({ ...c, corrected }));
  }

  async remove(characterId: string, id: string): Promise<void> {
    await this.update(characterId, id, () => null);
  }
}
