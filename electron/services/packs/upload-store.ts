import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';

// Serve mode's WebSocket carries at most 64 MB per message, and a studio pack with a 6B adapter is
// larger. The browser therefore sends big files in pieces that land in a temporary file here; the
// import then takes the whole file by its upload id. Nothing reaches the library until the import.

interface Upload {
  fileName: string;
  size: number;
  received: number;
  path: string;
}

/** Temporary files being uploaded in pieces. */
export class UploadStore {
  private dir: Promise<string> | null = null;
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly maxBytes: number) {}

  private folder(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'studio-uploads-'));
    return this.dir;
  }

  /** Starts an upload of `size` bytes; returns its id. */
  async begin(fileName: string, size: number): Promise<string> {
    if (size > this.maxBytes) throw new StudioError('bad_file', `${fileName}: ${formatBytes(size)} is larger than the ${formatBytes(this.maxBytes)} the studio imports`);
    const id = randomBytes(12).toString('hex');
    this.uploads.set(id, { fileName, size, received: 0, path: join(await this.folder(), id) });
    return id;
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new StudioError('not_found', `no upload "${id}" (it finished, failed, or the studio restarted)`);
    return upload;
  }

  /** Appends the next piece; pieces must arrive in order and not pass the announced size. */
  async append(id: string, offset: number, bytes: Uint8Array): Promise<number> {
    const upload = this.get(id);
    if (offset !== upload.received) throw new StudioError('invalid_input', `${upload.fileName}: expected the piece at byte ${upload.received}, got ${offset}`);
    if (upload.received + bytes.length > upload.size) throw new StudioError('invalid_input', `${upload.fileName}: more bytes than the announced ${upload.size}`);
    await appendFile(upload.path, bytes);
    upload.received += bytes.length;
    return upload.received;
  }

  /** The finished file's name and bytes; the upload is gone afterwards. */
  async take(id: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const upload = this.get(id);
    this.uploads.delete(id);
    try {
      if (upload.received !== upload.size) throw new StudioError('invalid_input', `${upload.fileName}: only ${upload.received} of ${upload.size} bytes arrived`);
      if (upload.size === 0) return { fileName: upload.fileName, bytes: new Uint8Array(0) };
      const info = await stat(upload.path);
      if (info.size !== upload.size) throw new StudioError('failed', `${upload.fileName}: the temporary file is damaged`);
      return { fileName: upload.fileName, bytes: await readFile(upload.path) };
    } finally {
      await rm(upload.path, { force: true });
    }
  }

  /** Removes every temporary file (on shutdown). */
  async dispose(): Promise<void> {
    this.uploads.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
