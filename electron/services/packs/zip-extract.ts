import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { ensureFreeSpace } from '../models/disk-space';
import { confine } from '../paths/confine';
import { OffsetFileReader } from './appended-zip';
import type { PackLimits } from './pack-limits';

// Unpacks an archive from a stranger into a staging folder, streaming each entry to its own file, so
// memory stays flat whatever the archive holds. Two passes: the whole central directory is read and
// checked first (names confined to the folder, no links, declared sizes against the caps, the ratio
// of each entry and of the archive as a whole, free disk space), so a refused archive has not
// inflated one byte; then entries are inflated with running counts that stop any entry whose real
// size passes its declared one (yauzl also checks each entry inflates to exactly its declared size).

/** One unpacked file: its archive path (forward slashes), its size, and where it was written. */
export interface ExtractedEntry {
  path: string;
  size: number;
  file: string;
}

// Below this size a ratio is not checked: small text compresses very well.
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

// Many small entries each pass the per-entry ratio (it starts at 1 MB), so the archive as a whole is
// held to the same ratio against its size on disk.
function checkTotal(total: number, zip: yauzl.ZipFile, source: string, limits: PackLimits): void {
  if (total > limits.maxTotalBytes) throw bad(source, `the archive unpacks to more than ${formatBytes(limits.maxTotalBytes)}`);
  const ratio = total / Math.max(1, zip.fileSize);
  if (total > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    throw bad(source, `the archive would inflate ${Math.round(ratio)}× overall (at most ${limits.maxRatio}×): refused as a zip bomb`);
  }
}

/** Where the archive starts inside the input (past an image it was appended to: see appended-zip.ts) and the input's size. */
export interface ZipPlacement {
  start: number;
  size: number;
}

function openZip(input: { bytes: Uint8Array } | { file: string }, at: ZipPlacement | undefined): Promise<yauzl.ZipFile> {
  // autoClose off: entries are opened in a second pass, after the directory has been read to its end.
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false };
  const start = at?.start ?? 0;
  if ('bytes' in input) return yauzl.fromBufferPromise(Buffer.from(input.bytes.buffer, input.bytes.byteOffset + start, input.bytes.byteLength - start), options);
  if (!at || start === 0) return yauzl.openPromise(input.file, options);
  return yauzl.fromRandomAccessReaderPromise(new OffsetFileReader(input.file, start), at.size - start, options);
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise<yauzl.Entry | null>((resolve, reject) => {
    zip.once('entry', resolve);
    zip.once('end', () => resolve(null));
    zip.once('error', reject);
    zip.readEntry();
  }).finally(() => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error'));
}

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

/** Reads and checks the whole central directory; nothing is inflated yet. */
async function checkedEntries(zip: yauzl.ZipFile, root: string, source: string, limits: PackLimits): Promise<{ entry: yauzl.Entry; target: string }[]> {
  if (zip.entryCount > limits.maxEntries) throw bad(source, `the archive has ${zip.entryCount} entries (at most ${limits.maxEntries})`);
  const found: { entry: yauzl.Entry; target: string }[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
    if (entry.fileName.endsWith('/')) continue;
    checkDeclared(entry, source, limits);
    total += entry.uncompressedSize;
    checkTotal(total, zip, source, limits);
    let target: string;
    try {
      target = confine(root, entry.fileName, 'entry');
    } catch (error) {
      throw bad(source, `refused ${(error as Error).message}`);
    }
    const key = target.toLowerCase();
    if (seen.has(key)) throw bad(source, `"${entry.fileName}" appears twice in the archive`);
    seen.add(key);
    found.push({ entry, target });
  }
  await ensureFreeSpace(root, total, `unpacking ${source}`);
  return found;
}

/**
 * Unpacks every file of the archive under `root` (created if needed); `at` places an archive appended
 * to an image. Throws a StudioError naming `source` and the entry on any problem.
 */
export async function extractZip(
  input: { bytes: Uint8Array } | { file: string }, root: string, source: string, limits: PackLimits, at?: ZipPlacement,
): Promise<ExtractedEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(input, at);
  } catch (error) {
    throw bad(source, describeYauzlError(error as Error));
  }
  try {
    const extracted: ExtractedEntry[] = [];
    for (const { entry, target } of await checkedEntries(zip, root, source, limits)) {
      await mkdir(dirname(target), { recursive: true });
      const over = () => bad(source, `"${entry.fileName}" inflates past its declared ${formatBytes(entry.uncompressedSize)}`);
      await pipeline(await zip.openReadStreamPromise(entry), byteCounter(entry.uncompressedSize, over), createWriteStream(target, { flags: 'wx' }));
      extracted.push({ path: entry.fileName, size: entry.uncompressedSize, file: target });
    }
    return extracted;
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw bad(source, describeYauzlError(error as Error));
  } finally {
    zip.close();
  }
}
