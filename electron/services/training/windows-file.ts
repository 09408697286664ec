import type { LabelledTokens } from '../../../shared/training/token-labels';
import { writeFileAtomic } from '../fs/atomic-write';

// The trainer's input: packed windows of token ids, positions, sequence ids and labels, in the binary
// layout native/trainer/dataset-file.cpp reads (little-endian; "CSTW", version 1).

const MAGIC = 0x57545343;
const VERSION = 1;

/** Pieces packed into one window: each keeps its own positions (from 0) and sequence id. */
export type Window = LabelledTokens[];

/** Serialises the windows: training windows first, then held-out ones. */
export function encodeWindows(windowTokens: number, train: readonly Window[], heldOut: readonly Window[]): Buffer {
  const windows = [...train, ...heldOut];
  const total = windows.reduce((sum, w) => sum + 4 + 16 * w.reduce((n, p) => n + p.tokens.length, 0), 20);
  const out = Buffer.alloc(total);
  let at = 0;
  const u32 = (v: number): void => {
    out.writeUInt32LE(v, at);
    at += 4;
  };
  const i32 = (v: number): void => {
    out.writeInt32LE(v, at);
    at += 4;
  };
  u32(MAGIC);
  u32(VERSION);
  u32(windowTokens);
  u32(train.length);
  u32(heldOut.length);
  for (const window of windows) {
    const n = window.reduce((sum, p) => sum + p.tokens.length, 0);
    if (n > windowTokens) throw new Error(`a window holds ${n} tokens, more than ${windowTokens}`);
    u32(n);
    for (const p of window) for (const t of p.tokens) i32(t);
    for (const p of window) for (let i = 0; i < p.tokens.length; i++) i32(i);
    window.forEach((p, seq) => p.tokens.forEach(() => i32(seq)));
    for (const p of window) for (const l of p.labels) i32(l);
  }
  return out;
}

/** Writes the windows file atomically. */
export async function writeWindowsFile(path: string, windowTokens: number, train: readonly Window[], heldOut: readonly Window[]): Promise<void> {
  await writeFileAtomic(path, encodeWindows(windowTokens, train, heldOut));
}
