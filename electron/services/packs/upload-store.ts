import { randomBytes } from 'node:crypto';
import { appendFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { ensureFreeSpace } from '../models/disk-space';

// Serve mode's WebSocket carries at most 64 MB per message, and a studio pack with a 6B adapter is
// larger. The browser therefore sends big files in pieces that land in a temporary file here; the
// import then takes the file by its upload id. Nothing reaches the library until the import.
// Any client may call uploadBegin, so what unfinished uploads can hold is capped, idle ones expire,
// and the folder lives under the data folder where the studio clears it at start (a kill leaves
// nothing behind for longer than one run).

/** Caps on uploads in progress. */
export interface UploadLimits {
  /** Largest single file (a pack with a rank-64 adapter is ~470 MB; a library backup more). */
  maxFileBytes: number;
  /** Unfinished uploads at once: the UI sends one file at a time, so a few is plenty. */
  maxOpen: number;
  /** Bytes announced by all unfinished uploads together: what they may claim on disk. */
  maxOpenBytes: number;
  /** An upload with no piece for this long is dropped with its temp file (a client that went away). */
  idleMs: number;
}

export const UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 1024 * 1024 * 1024,
  maxOpen: 4,
  maxOpenBytes: 2 * 1024 * 1024 * 1024,
  idleMs: 10 * 60_000,
};

interface Upload {
  fileName: string;
  size: number;
  received: number;
  path: string;
  /** Set while `append` writes, so an expiry or discard waits for the write instead of racing it. */
  writing: Promise<void> | null;
  timer: NodeJS.Timeout;
}

/** A finished upload handed to an importer: its name and where its bytes are. */
export interface TakenUpload {
  fileName: string;
  file: string;
}

/** Temporary files being uploaded in pieces, in one folder that `clear` empties at start. */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly dir: string,
    private readonly limits: UploadLimits = UPLOAD_LIMITS,
  ) {}

  /** Removes every temp file of an earlier run (the studio calls it once at start). */
  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Starts an upload of `size` bytes; returns its id. Refused past the caps or the free disk space. */
  async begin(fileName: string, size: number): Promise<string> {
    const { maxFileBytes, maxOpen, maxOpenBytes } = this.limits;
    if (size > maxFileBytes) throw new StudioError('bad_file', `${fileName}: ${formatBytes(size)} is larger than the ${formatBytes(maxFileBytes)} the studio imports`);
    if (this.uploads.size >= maxOpen) throw new StudioError('conflict', `${fileName}: ${maxOpen} uploads are already unfinished; finish or cancel one first`);
    const announced = [...this.uploads.values()].reduce((n, u) => n + u.size, 0);
    if (announced + size > maxOpenBytes) {
      throw new StudioError('conflict', `${fileName}: unfinished uploads already claim ${formatBytes(announced)}; with this one they would pass the ${formatBytes(maxOpenBytes)} limit`);
    }
    const id = randomBytes(12).toString('hex');
    // Reserved before the disk check awaits, so concurrent begins cannot all pass the caps at once.
    const upload: Upload = { fileName, size, received: 0, path: join(this.dir, id), writing: null, timer: this.expiry(id) };
    this.uploads.set(id, upload);
    try {
      await ensureFreeSpace(this.dir, size, `uploading ${fileName}`);
    } catch (error) {
      this.forget(id, upload);
      throw error;
    }
    return id;
  }

  private expiry(id: string): NodeJS.Timeout {
    // unref: a pending expiry must not keep the CLI or a test process alive.
    return setTimeout(() => void this.discard(id).catch(() => undefined), this.limits.idleMs).unref();
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new StudioError('not_found', `no upload "${id}" (it finished, failed, expired, or the studio restarted)`);
    return upload;
  }

  /** Appends the next piece; pieces must arrive in order and not pass the announced size. */
  async append(id: string, offset: number, bytes: Uint8Array): Promise<number> {
    const upload = this.get(id);
    if (upload.writing) throw new StudioError('conflict', `${upload.fileName}: the previous piece is still being written`);
    if (offset !== upload.received) throw new StudioError('invalid_input', `${upload.fileName}: expected the piece at byte ${upload.received}, got ${offset}`);
    if (upload.received + bytes.length > upload.size) throw new StudioError('invalid_input', `${upload.fileName}: more bytes than the announced ${upload.size}`);
    clearTimeout(upload.timer);
    upload.writing = appendFile(upload.path, bytes);
    try {
      await upload.writing;
    } finally {
      upload.writing = null;
      upload.timer = this.expiry(id);
    }
    upload.received += bytes.length;
    return upload.received;
  }

  /**
   * Hands the finished file to `use` (by path, so a large pack is never read whole into memory), then
   * removes it; the upload is gone afterwards whatever `use` does.
   */
  async take<T>(id: string, use: (upload: TakenUpload) => Promise<T>): Promise<T> {
    const upload = this.get(id);
    this.forget(id, upload);
    try {
      if (upload.received !== upload.size) throw new StudioError('invalid_input', `${upload.fileName}: only ${upload.received} of ${upload.size} bytes arrived`);
      // An empty upload never wrote its file; importers get an empty one to say "the file is empty".
      if (upload.size === 0) await appendFile(upload.path, new Uint8Array(0));
      const info = await stat(upload.path);
      if (info.size !== upload.size) throw new StudioError('failed', `${upload.fileName}: the temporary file is damaged`);
      return await use({ fileName: upload.fileName, file: upload.path });
    } finally {
      await rm(upload.path, { force: true });
    }
  }

  /** Drops an unfinished upload and its temp file (a closed connection, a cancel); no error if absent. */
  async discard(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.forget(id, upload);
    await upload.writing?.catch(() => undefined);
    await rm(upload.path, { force: true });
  }

  private forget(id: string, upload: Upload): void {
    clearTimeout(upload.timer);
    this.uploads.delete(id);
  }

  /** Removes every temporary file (on shutdown). */
  async dispose(): Promise<void> {
    for (const [id] of this.uploads) await this.discard(id);
    await this.clear();
  }
}
