import { z } from 'zod';
import { factsSchema, type Fact } from '../../../shared/chat/memory';
import { writeLibraryFile } from '../fs/library-files';
import { readJsonFile } from '../fs/read-json';
import { realPathInside } from '../paths/library-path';
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
    // Resolved inside the library first: a link planted in the character's folder cannot lead the read out.
    const file = await realPathInside(this.charactersDir, this.pathOf(characterId));
    return (await readJsonFile(file, fileSchema, { v: 1, facts: [] })).facts;
  }
}
