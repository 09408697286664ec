import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { confine } from '../paths/confine';
import type { PackLimits } from './pack-limits';

// Unpacks an archive from a stranger, into a folder or into memory.
// yauzl reads the central directory, refuses absolute and `..` names, and checks that each entry
// inflates to exactly its declared size; on top of that every name is confined to the staging folder
// and the declared sizes are checked against the caps before one byte is inflated.

/** One unpacked file, by its archive path (forward slashes). */
export interface ExtractedEntry {
  path: string;
  size: number;
}

/** Where each entry's bytes go: `target` is the entry's confined path under the archive root. */
export type EntrySink = (entry: ExtractedEntry, target: string, stream: NodeJS.ReadableStream & AsyncIterable<Buffer>) => Promise<void>;

/** Writes entries as files under the root given to extractZip (for backups: too large for memory). */
export const toFolder: EntrySink = async (_entry, target, stream) => {
  await mkdir(dirname(target), { recursive: true });
  await pipeline(stream, createWriteStream(target, { flags: 'wx' }));
};

/** Collects entries in memory by archive path (cards, CHARX and packs of one character). */
export function toMemory(files: Map<string, Uint8Array>): EntrySink {
  return async (entry, _target, stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    files.set(entry.path, Buffer.concat(chunks));
  };
}

// Below this size an entry's compression ratio is not checked: small text compresses very well.
const RATIO_FLOOR_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const bad = (source: string, problem: string) => new StudioError('bad_file', `${source}: ${problem}`);

function describeYauzlError(error: Error): string {
  const message = error.message;
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'no such file';
  if (/absolute path|invalid relative path/i.test(message)) return `refused an entry that would be written outside the archive's folder (${message})`;
  if (/end of central directory|not a zip|invalid signature|invalid comment length/i.test(message)) return `not a readable zip archive (${message})`;
  if (/too many bytes|too few bytes/i.test(message)) return `an entry does not inflate to its declared size (${message})`;
  return `the archive is damaged (${message})`;
}

function checkDeclared(entry: yauzl.Entry, source: string, limits: PackLimits): void {
  const name = entry.fileName;
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw bad(source, `"${name}" is a symbolic link; archives may hold only files`);
  if (entry.isEncrypted()) throw bad(source, `"${name}" is encrypted; encrypted archives are not supported`);
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    throw bad(source, `"${name}" unpacks to ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxEntryBytes)} one file may be`);
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    throw bad(source, `"${name}" would inflate ${Math.round(ratio)}× (at most ${limits.maxRatio}×): refused as a zip bomb`);
  }
}

function openZip(input: { bytes: Uint8Array } | { file: string }): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false };
  return 'bytes' in input
    ? yauzl.fromBufferPromise(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), options)
    : yauzl.openPromise(input.file, options);
}

const closeQuietly = (zip: yauzl.ZipFile): void => {
  if (zip.isOpen) zip.close();
};

/** Counts bytes as they inflate and stops at the cap, in case a declared size lies. */
function byteCounter(limit: number, onOver: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? onOver() : null, chunk);
    },
  });
}

/** Unpacks every file of the archive into `sink` (paths confined under `root`); throws a StudioError naming `source` and the entry on any problem. */
export async function extractZip(
  input: { bytes: Uint8Array } | { file: string },
  root: string,
  source: string,
  limits: PackLimits,
  sink: EntrySink = toFolder,
): Promise<ExtractedEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(input);
  } catch (error) {
    throw bad(source, describeYauzlError(error as Error));
  }
  if (zip.entryCount > limits.maxEntries) {
    closeQuietly(zip);
    throw bad(source, `the archive has ${zip.entryCount} entries (at most ${limits.maxEntries})`);
  }
  const entries: ExtractedEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) break;
      if (entry.fileName.endsWith('/')) continue;
      checkDeclared(entry, source, limits);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw bad(source, `the archive unpacks to more than ${formatBytes(limits.maxTotalBytes)}`);
      let target: string;
      try {
        target = confine(root, entry.fileName, 'entry');
      } catch (error) {
        throw bad(source, `refused ${(error as Error).message}`);
      }
      const key = target.toLowerCase();
      if (seen.has(key)) throw bad(source, `"${entry.fileName}" appears twice in the archive`);
      seen.add(key);
      const stream = await zip.openReadStreamPromise(entry);
      const over = () => bad(source, `"${entry.fileName}" inflates past its declared ${formatBytes(entry.uncompressedSize)}`);
      const extracted = { path: entry.fileName, size: entry.uncompressedSize };
      const counted = byteCounter(entry.uncompressedSize, over);
      // pipeline carries an inflate error (a lying size, a bad CRC) into `counted`, where the sink sees it.
      pipeline(stream, counted).catch(() => undefined);
      await sink(extracted, target, counted);
      entries.push(extracted);
    }
  } catch (error) {
    closeQuietly(zip);
    if (error instanceof StudioError) throw error;
    throw bad(source, describeYauzlError(error as Error));
  }
  return entries;
}
