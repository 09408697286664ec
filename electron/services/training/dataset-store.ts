import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetLine } from '../../../shared/chat/dataset-lines';
import { StudioError } from '../../../shared/contract/errors';
import type { DatasetSummary } from '../../../shared/training/dataset-view';
import { parseMessagesJsonl } from '../../../shared/training/parse-messages-jsonl';
import { trainedReplyCount, type ParsedDataset, type TrainingSample } from '../../../shared/training/training-sample';
import { readLibraryText, writeLibraryFile } from '../fs/library-files';
import { assertFileName } from '../paths/confine';
import { realPathInside } from '../paths/library-path';
import { trainingPaths } from './training-paths';

// A character's datasets: datasets/<name>.jsonl, written whole and atomically, deleted to the folder's
// .trash so a mistaken delete can be undone by hand. Imported dialogues are stored in the same `messages`
// JSONL the chat exports (one writer, shared/chat/dataset-lines.ts), with whatever session meta the source
// carried and the line it came from, so every dataset of a character reads the same way.

/** The stored line of an imported dialogue. */
const storedLine = (sample: TrainingSample, file: string): string =>
  JSON.stringify(datasetLine(sample.turns, sample.meta ?? {}, { kind: 'import', file, line: sample.line }));

/** Reads, lists and saves the datasets of characters under one library. */
export class DatasetStore {
  constructor(private readonly charactersDir: string) {}

  async list(characterId: string): Promise<DatasetSummary[]> {
    const datasetsDir = await realPathInside(this.charactersDir, trainingPaths(this.charactersDir, characterId).datasetsDir);
    let files: string[];
    try {
      files = (await readdir(datasetsDir)).filter((f) => f.endsWith('.jsonl') && !f.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const summaries = await Promise.all(files.map((f) => this.summary(characterId, f.slice(0, -'.jsonl'.length)).catch(() => null)));
    return summaries.filter((s): s is DatasetSummary => s !== null).sort((a, b) => a.name.localeCompare(b.name));
  }

  private async summary(characterId: string, name: string): Promise<DatasetSummary> {
    const file = await realPathInside(this.charactersDir, trainingPaths(this.charactersDir, characterId).dataset(name));
    const [info, parsed] = await Promise.all([stat(file), this.read(characterId, name)]);
    return {
      name,
      dialogues: parsed.samples.length,
      replies: parsed.samples.reduce((n, s) => n + trainedReplyCount(s.turns), 0),
      sizeBytes: info.size,
      modifiedAt: info.mtime.toISOString(),
    };
  }

  /** The dialogues of a stored dataset (its problems named by line, as for an import). */
  async read(characterId: string, name: string): Promise<ParsedDataset> {
    const file = trainingPaths(this.charactersDir, characterId).dataset(name);
    let text: string;
    try {
      text = await readLibraryText(this.charactersDir, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `there is no dataset "${name}" for this character`);
      throw error;
    }
    return parseMessagesJsonl(text);
  }

  /** Saves parsed dialogues as a new dataset; refuses to overwrite one, and names that are not portable file names. */
  async save(characterId: string, name: string, parsed: ParsedDataset, sourceFile: string): Promise<DatasetSummary> {
    // The name becomes datasets/<name>.jsonl: it must be a file name on every system the library moves to.
    assertFileName(name, 'dataset name');
    const file = trainingPaths(this.charactersDir, characterId).dataset(name);
    if (await stat(file).then(() => true, () => false)) {
      throw new StudioError('conflict', `a dataset named "${name}" exists already: pick another name or delete it first`);
    }
    await writeLibraryFile(this.charactersDir, file, parsed.samples.map((s) => storedLine(s, sourceFile)).join('\n') + '\n');
    return this.summary(characterId, name);
  }

  /** Moves a dataset into datasets/.trash/. */
  async remove(characterId: string, name: string): Promise<DatasetSummary[]> {
    const paths = trainingPaths(this.charactersDir, characterId);
    const file = paths.dataset(name);
    const trash = join(paths.datasetsDir, '.trash');
    await mkdir(trash, { recursive: true });
    try {
      await rename(file, join(trash, `${name}.${Date.now()}.jsonl`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `there is no dataset "${name}"`);
      throw error;
    }
    return this.list(characterId);
  }
}
