import type { FileHandle, open as realOpen } from 'node:fs/promises';

// A disk that fills up, for tests that cannot mount a small one: wraps `open` so handles of matching
// files write like Linux on a nearly full disk — the write that crosses the limit takes only part of its
// bytes, every later one fails with the errno — or take at most a few bytes per call. Install with
// vi.mock('node:fs/promises', …) and set `diskFaults` per test; with no fault set it changes nothing.

export interface DiskFault {
  /** Which files the fault hits (by the path given to `open`). */
  matches: (path: string) => boolean;
  /** Bytes these files may still take before the disk is full; then `code` is thrown. */
  spaceLeft?: number;
  code?: 'ENOSPC' | 'EIO' | 'EDQUOT';
  /** The most bytes one write call takes (a short write, with no error). */
  maxBytesPerWrite?: number;
}

export const diskFaults: { current: DiskFault | null } = { current: null };

function errnoError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated failure, write`);
  error.code = code;
  error.syscall = 'write';
  return error;
}

type WriteResult = { bytesWritten: number; buffer: Uint8Array };

async function faultyWrite(handle: FileHandle, fault: DiskFault, data: string | Uint8Array, offset = 0, length?: number): Promise<WriteResult> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let take = length ?? bytes.byteLength - offset;
  if (fault.maxBytesPerWrite !== undefined) take = Math.min(take, fault.maxBytesPerWrite);
  if (fault.spaceLeft !== undefined) {
    if (fault.spaceLeft === 0 && take > 0) throw errnoError(fault.code ?? 'ENOSPC');
    take = Math.min(take, fault.spaceLeft);
    fault.spaceLeft -= take;
  }
  const { bytesWritten } = await handle.write(bytes, offset, take);
  return { bytesWritten, buffer: bytes };
}

/** `open` whose handles obey `diskFaults.current` for the files it matches. */
export function openWithFaults(open: typeof realOpen): typeof realOpen {
  return (async (...args: Parameters<typeof realOpen>) => {
    const handle = await open(...args);
    const fault = diskFaults.current;
    if (!fault || !fault.matches(String(args[0]))) return handle;
    return new Proxy(handle, {
      get(target, key) {
        if (key === 'write') return (data: string | Uint8Array, offset?: number, length?: number) => faultyWrite(target, fault, data, offset, length);
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as typeof realOpen;
}
