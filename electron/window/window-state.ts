import { z } from 'zod';
import { writeFileAtomic } from '../services/fs/atomic-write';
import { readJsonFile } from '../services/fs/read-json';
import type { Rect, WindowPlacement } from './window-bounds';

// Remembers the main window's bounds and maximised/full-screen state in the data folder. The file is
// written atomically; a broken or foreign file is reported and ignored, never fatal: the window then
// simply opens at its default size.

const finite = z.number().finite();
const placementSchema = z.object({
  bounds: z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() }),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});

/** Reads the remembered placement; null when there is none or it cannot be used (reported via `warn`). */
export async function loadWindowPlacement(file: string, warn: (message: string) => void = () => undefined): Promise<WindowPlacement | null> {
  try {
    return await readJsonFile(file, placementSchema.nullable(), null);
  } catch (error) {
    warn(`ignoring the remembered window position: ${(error as Error).message}`);
    return null;
  }
}

/** Writes the placement atomically. */
export async function saveWindowPlacement(file: string, placement: WindowPlacement): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(placement, null, 2)}\n`);
}

/** The part of a BrowserWindow the tracker needs, so it can be tested without Electron. */
export interface TrackedWindow {
  getNormalBounds: () => Rect;
  isMaximized: () => boolean;
  isFullScreen: () => boolean;
  on: (event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen' | 'close', listener: () => void) => unknown;
}

/** Follows a window's placement and saves it shortly after it settles, and at once when it closes. */
export function trackWindowPlacement(
  window: TrackedWindow,
  save: (placement: WindowPlacement) => Promise<void>,
  options: { settleMs?: number; warn?: (message: string) => void } = {},
): { flush: () => Promise<void> } {
  const settleMs = options.settleMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = '';
  let writing: Promise<void> = Promise.resolve();
  // Reading the window after it is destroyed throws, so the close handler snapshots it first.
  const snapshot = (): WindowPlacement => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized(), fullScreen: window.isFullScreen() });
  const write = (placement: WindowPlacement): Promise<void> => {
    const text = JSON.stringify(placement);
    if (text === last) return writing;
    last = text;
    writing = writing
      .then(() => save(placement))
      .catch((error: unknown) => options.warn?.(`could not remember the window position: ${(error as Error).message}`));
    return writing;
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void write(snapshot());
    }, settleMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) window.on(event, schedule);
  let closing: WindowPlacement | null = null;
  window.on('close', () => {
    closing = snapshot();
    if (timer) clearTimeout(timer);
    timer = null;
    void write(closing);
  });
  return {
    flush: () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        return write(closing ?? snapshot());
      }
      return writing;
    },
  };
}
