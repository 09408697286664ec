import { evaluationSchema, tallyEvaluations, type Evaluation, type TallyRow } from '../../../shared/chat/evaluation';
import { appendJsonl, readJsonl } from './jsonl-file';
import { KeyedQueue } from '../fs/keyed-queue';

/** The character's evaluation log (`evaluations.jsonl`, append-only) and its running tally. */
export class EvaluationsStore {
  private readonly queue = new KeyedQueue();

  /** `root` is the library folder every file must really lie in (see paths/library-path.ts). */
  constructor(
    private readonly root: string,
    private readonly fileFor: (characterId: string) => string,
  ) {}

  async list(characterId: string): Promise<{ entries: Evaluation[]; tally: TallyRow[]; problems: string[] }> {
    const { records, problems } = await this.queue.run(characterId, () => readJsonl(this.root, this.fileFor(characterId), evaluationSchema));
    return { entries: records, tally: tallyEvaluations(records), problems };
  }

  add(characterId: string, entry: Evaluation): Promise<void> {
    const valid = evaluationSchema.parse(entry);
    return this.queue.run(characterId, async () => {
      await readJsonl(this.root, this.fileFor(characterId), evaluationSchema);
      await appendJsonl(this.root, this.fileFor(characterId), [valid]);
    });
  }
}
