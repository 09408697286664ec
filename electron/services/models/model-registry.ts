import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo, ModelSource } from '../../../shared/models/model-info';
import { slugify, uniqueId } from '../../../shared/text/slug';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/read-json';
import { inspectGguf, type GgufSummary } from './gguf-inspect';

// The index of installed models (`models/models.json`). Facts that live in the file itself
// (architecture, quantisation, context) are read from its header, never copied into the index.

const recordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Relative to the models folder, or absolute for models used in place. */
  file: z.string(),
  inPlace: z.boolean().default(false),
  source: z.enum(['demo', 'import', 'download', 'convert', 'hub']),
  addedAt: z.string(),
  sha256: z.string().optional(),
});
const indexSchema = z.object({ version: z.literal(1), models: z.array(recordSchema) });

export type ModelRecord = z.output<typeof recordSchema>;

export class ModelRegistry {
  private summaries = new Map<string, { key: string; summary: GgufSummary }>();

  constructor(
    private readonly modelsDir: string,
    private readonly indexFile: string,
  ) {}

  private async readIndex(): Promise<ModelRecord[]> {
    return (await readJsonFile(this.indexFile, indexSchema, { version: 1, models: [] })).models;
  }

  private async writeIndex(models: ModelRecord[]): Promise<void> {
    await writeFileAtomic(this.indexFile, `${JSON.stringify({ version: 1, models }, null, 2)}\n`);
  }

  pathOf(record: Pick<ModelRecord, 'file'>): string {
    return isAbsolute(record.file) ? record.file : join(this.modelsDir, record.file);
  }

  /** Header facts, cached per file size and modification time. */
  private async summarize(path: string): Promise<GgufSummary> {
    const info = await stat(path);
    const key = `${info.size}:${info.mtimeMs}`;
    const cached = this.summaries.get(path);
    if (cached?.key === key) return cached.summary;
    const summary = await inspectGguf(path);
    this.summaries.set(path, { key, summary });
    return summary;
  }

  async list(defaultId: string | null): Promise<ModelInfo[]> {
    const records = await this.readIndex();
    return Promise.all(records.map((r) => this.describe(r, defaultId)));
  }

  async describe(record: ModelRecord, defaultId: string | null): Promise<ModelInfo> {
    const path = this.pathOf(record);
    const base: ModelInfo = {
      id: record.id, name: record.name, path, inPlace: record.inPlace, sizeBytes: 0, architecture: 'unknown',
      quantization: 'unknown', contextLength: 0, licence: 'unknown', source: record.source, addedAt: record.addedAt,
      isDefault: record.id === defaultId, usage: { characters: [], adapters: [] },
      ...(record.sha256 ? { sha256: record.sha256 } : {}),
    };
    try {
      const s = await this.summarize(path);
      return { ...base, sizeBytes: s.sizeBytes, architecture: s.architecture, quantization: s.quantization, contextLength: s.contextLength, licence: s.licence };
    } catch (error) {
      return { ...base, problem: (error as Error).message };
    }
  }

  async get(id: string): Promise<ModelRecord> {
    const record = (await this.readIndex()).find((r) => r.id === id);
    if (!record) throw new StudioError('not_found', `no installed model with id "${id}"`);
    return record;
  }

  /** Drops a model from the index; the caller decides about its file. */
  async remove(id: string): Promise<ModelRecord> {
    const records = await this.readIndex();
    const record = records.find((r) => r.id === id);
    if (!record) throw new StudioError('not_found', `no installed model with id "${id}"`);
    await this.writeIndex(records.filter((r) => r.id !== id));
    this.summaries.delete(this.pathOf(record));
    return record;
  }

  /** The record registered for a file path, if any (an import must not register a file twice). */
  async findByPath(path: string): Promise<ModelRecord | undefined> {
    return (await this.readIndex()).find((r) => this.pathOf(r) === path);
  }

  async find(id: string): Promise<ModelRecord | undefined> {
    return (await this.readIndex()).find((r) => r.id === id);
  }

  /** Registers a GGUF already in place (inside the models folder or, with `inPlace`, anywhere). */
  async add(entry: { name: string; file: string; inPlace: boolean; source: ModelSource; id?: string; sha256?: string }): Promise<ModelRecord> {
    await this.summarize(entry.inPlace ? entry.file : join(this.modelsDir, entry.file));
    const records = await this.readIndex();
    const id = entry.id ?? uniqueId(slugify(entry.name, 'model'), new Set(records.map((r) => r.id)));
    const record: ModelRecord = {
      id, name: entry.name, file: entry.file, inPlace: entry.inPlace, source: entry.source,
      addedAt: new Date().toISOString(), ...(entry.sha256 ? { sha256: entry.sha256 } : {}),
    };
    await this.writeIndex([...records.filter((r) => r.id !== id), record]);
    return record;
  }
}
