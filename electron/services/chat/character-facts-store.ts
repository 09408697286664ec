import { z } from 'zod';
import { factsSchema, type Fact } from '../../../shared/chat/memory';
import { StudioError } from '../../../shared/contract/errors';
import { formatIssues } from '../../../shared/validation/format-issues';
import { readLibraryText, writeLibraryFile } from '../fs/library-files';
import { KeyedQueue } from '../fs/keyed-queue';

// Facts that hold in every chat with a character ("the user is a regular at the tea house"), kept in their
// own small file beside character.json rather than in it: the character editor saves the whole character
// from its own copy, and would otherwise undo a fact pinned from a chat meanwhile.

const fileSchema = z.object({ v: z.literal(1), facts: factsSchema }).strict();

/** Reads and replaces `characters/<id>/facts.json` (atomic writes, one at a time per character). */
export class CharacterFactsStore {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly charactersDir: string,
    private readonly pathOf: (characterId: string) => string,
  ) {}

  get(characterId: string): Promise<Fact[]> {
    return this.queue.run(characterId, () => this.read(characterId));
  }

  set(characterId: string, facts: Fact[]): Promise<Fact[]> {
    const checked = factsSchema.parse(facts);
    return this.queue.run(characterId, async () => {
      await writeLibraryFile(this.charactersDir, this.pathOf(characterId), `${JSON.stringify({ v: 1, facts: checked }, null, 2)}\n`);
      return checked;
    });
  }

  private async read(characterId: string): Promise<Fact[]> {
    const path = this.pathOf(characterId);
    let text: string;
    try {
      text = await readLibraryText(this.charactersDir, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StudioError('bad_file', `${path}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new StudioError('bad_file', `${path}: ${formatIssues(parsed.error)}`);
    return parsed.data.facts;
  }
}
