import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../test-support/temp-dir';
import { fitToDisplays, type Rect } from './window-bounds';
import { loadWindowPlacement, saveWindowPlacement, trackWindowPlacement, type TrackedWindow } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('fitToDisplays', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(fitToDisplays(null, [laptop])).toEqual({ x: 80, y: 28, width: 1280, height: 820 });
  });

  it('reuses remembered bounds that are visible, on any display', () => {
    const onMonitor = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(fitToDisplays(onMonitor, [laptop, rightMonitor])).toEqual(onMonitor);
  });

  it('recentres a window whose monitor was unplugged, keeping its size where it fits', () => {
    expect(fitToDisplays({ x: 2000, y: 100, width: 1200, height: 700 }, [laptop])).toEqual({ x: 120, y: 88, width: 1200, height: 700 });
  });

  it('shrinks a window larger than the display and never below the minimum size', () => {
    expect(fitToDisplays({ x: 10, y: 10, width: 4000, height: 3000 }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
    expect(fitToDisplays({ x: 10, y: 10, width: 200, height: 100 }, [laptop])).toEqual({ x: 10, y: 10, width: 900, height: 600 });
  });

  it('pulls back a window whose title bar is barely on screen', () => {
    expect(fitToDisplays({ x: 1200, y: 500, width: 1000, height: 700 }, [laptop])).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
    // Only 40 px of the title bar is visible: not enough to grab, so it is recentred.
    expect(fitToDisplays({ x: 1400, y: 500, width: 1000, height: 700 }, [laptop])).toEqual({ x: 220, y: 88, width: 1000, height: 700 });
  });
});

describe('window placement file', () => {
  const tempDir = useTempDir('studio-window-');

  it('round-trips through an atomic JSON file', async () => {
    const file = join(await tempDir(), 'window-state.json');
    expect(await loadWindowPlacement(file)).toBeNull();
    await saveWindowPlacement(file, { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true, fullScreen: false });
    expect(await loadWindowPlacement(file)).toEqual({ bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true, fullScreen: false });
  });

  it('ignores a broken file with a message that names it', async () => {
    const file = join(await tempDir(), 'window-state.json');
    await writeFile(file, '{"bounds": {"x": "left"}');
    const warn = vi.fn();
    expect(await loadWindowPlacement(file, warn)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${file}: not valid JSON`));
    await writeFile(file, '{"bounds": {"x": 1, "y": 2, "width": -5, "height": 10}}');
    expect(await loadWindowPlacement(file, warn)).toBeNull();
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('bounds.width'));
  });
});

function fakeWindow() {
  const listeners = new Map<string, (() => void)[]>();
  const state = { bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: false, fullScreen: false };
  const window: TrackedWindow = {
    getNormalBounds: () => ({ ...state.bounds }),
    isMaximized: () => state.maximized,
    isFullScreen: () => state.fullScreen,
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  };
  const fire = (event: string): void => listeners.get(event)?.forEach((l) => l());
  return { window, state, fire };
}

describe('trackWindowPlacement', () => {
  const tempDir = useTempDir('studio-window-');

  it('saves once after moves settle, and again on close', async () => {
    vi.useFakeTimers();
    try {
      const { window, state, fire } = fakeWindow();
      const save = vi.fn(async () => undefined);
      trackWindowPlacement(window, save, { settleMs: 200 });
      state.bounds = { x: 50, y: 60, width: 1100, height: 720 };
      fire('move');
      fire('resize');
      fire('move');
      await vi.advanceTimersByTimeAsync(250);
      expect(save).toHaveBeenCalledTimes(1);
      expect(save).toHaveBeenLastCalledWith({ bounds: { x: 50, y: 60, width: 1100, height: 720 }, maximized: false, fullScreen: false });
      state.maximized = true;
      fire('close');
      await vi.advanceTimersByTimeAsync(0);
      expect(save).toHaveBeenCalledTimes(2);
      expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ maximized: true }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('flushes a pending save to disk and reports failures instead of dropping them', async () => {
    const file = join(await tempDir(), 'window-state.json');
    const { window, state, fire } = fakeWindow();
    const tracker = trackWindowPlacement(window, (p) => saveWindowPlacement(file, p), { settleMs: 60_000 });
    state.bounds = { x: 1, y: 2, width: 1001, height: 701 };
    fire('resize');
    await tracker.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ bounds: { x: 1, y: 2, width: 1001, height: 701 } });

    const warn = vi.fn();
    const broken = fakeWindow();
    const failing = trackWindowPlacement(broken.window, async () => Promise.reject(new Error('disk full')), { settleMs: 60_000, warn });
    broken.fire('move');
    await failing.flush();
    expect(warn).toHaveBeenCalledWith('could not remember the window position: disk full');
  });
});
