import { StudioError } from '../../../shared/contract/errors';
import { adapterMetadataSchema, type AdapterMetadata } from '../../../shared/training/training-job';
import { jsonValueProblem } from '../../../shared/validation/bounded-json';
import { formatIssues } from '../../../shared/validation/format-issues';

// An adapter's metadata.json, read the one way every reader uses: the adapter list (training, chat, the
// models' usage scan) and pack import. It may come from a stranger's pack or another tool, and parts of it go back
// over the wire, so its size is checked before it is parsed and its depth after (JSON.parse copes with
// any depth; what overflows is a later stringify), by the schema where the field is known, so the
// message names it.

/** The studio writes ~2 KB; room for other tools' notes, never a whole dataset. */
export const MAX_METADATA_BYTES = 256 * 1024;
const MAX_METADATA_DEPTH = 16;

/** A metadata file read: the studio's metadata, or what is wrong with the file (naming the field). */
export type MetadataRead =
  | { kind: 'studio'; metadata: AdapterMetadata }
  /** Bounded JSON in another tool's shape (no `formatVersion`): kept as a plain object, not trusted further. */
  | { kind: 'foreign'; raw: Record<string, unknown> }
  | { kind: 'broken'; problem: string };

/** Reads metadata.json text (`size` is the file's size in bytes, checked before anything is parsed). */
export function readAdapterMetadata(text: string, size = Buffer.byteLength(text)): MetadataRead {
  if (size > MAX_METADATA_BYTES) return { kind: 'broken', problem: `larger than ${MAX_METADATA_BYTES / 1024} KB` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { kind: 'broken', problem: `not valid JSON (${(error as Error).message})` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'broken', problem: 'not a JSON object' };
  const record = raw as Record<string, unknown>;
  if (!('formatVersion' in record)) {
    const problem = jsonValueProblem(record, { maxDepth: MAX_METADATA_DEPTH, maxBytes: MAX_METADATA_BYTES });
    return problem ? { kind: 'broken', problem } : { kind: 'foreign', raw: record };
  }
  const parsed = adapterMetadataSchema.safeParse(record);
  return parsed.success ? { kind: 'studio', metadata: parsed.data } : { kind: 'broken', problem: formatIssues(parsed.error) };
}

/** The base model a metadata file names, and when it says the adapter was made: the studio's own fields,
 * or the same nested `baseModel` (or a plain name) in another tool's file. */
export interface MetadataFacts {
  baseModel: { name: string; sha256: string } | null;
  createdAt: string | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What a metadata read says about the base model and the creation time, whatever its kind. */
export function metadataFacts(read: MetadataRead | null): MetadataFacts {
  if (read?.kind === 'studio') return { baseModel: { name: read.metadata.baseModel.name, sha256: read.metadata.baseModel.sha256 }, createdAt: read.metadata.createdAt };
  if (read?.kind !== 'foreign') return { baseModel: null, createdAt: null };
  const base = read.raw.baseModel;
  const nested = base !== null && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : null;
  const baseModel = typeof base === 'string' ? { name: base, sha256: '' } : nested ? { name: text(nested.name), sha256: text(nested.sha256) } : null;
  return { baseModel, createdAt: typeof read.raw.createdAt === 'string' ? read.raw.createdAt : null };
}

/** The metadata of a file from a pack; refuses a broken one, naming `where` (file) and the field. */
export function assertAdapterMetadata(text: string, size: number, where: string): MetadataRead {
  const read = readAdapterMetadata(text, size);
  if (read.kind === 'broken') throw new StudioError('bad_file', `${where}: ${read.problem}`);
  return read;
}
