// Where the main window opens. A remembered position is only reused when enough of the window would
// land on a connected display (monitors get unplugged, resolutions change); otherwise the window
// opens centred on the primary display, never off-screen.

/** A screen rectangle in device-independent pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window's size and place as remembered between runs. */
export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** How much of the window must stay on a display for the remembered position to be reused. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clampSize(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return {
    width: Math.round(Math.min(Math.max(size.width, MIN_SIZE.width), Math.max(area.width, MIN_SIZE.width))),
    height: Math.round(Math.min(Math.max(size.height, MIN_SIZE.height), Math.max(area.height, MIN_SIZE.height))),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  return { x: Math.round(area.x + (area.width - size.width) / 2), y: Math.round(area.y + (area.height - size.height) / 2), ...size };
}

/**
 * The bounds to open with: the remembered ones when their title bar area is visible on one of the
 * displays' work areas (the first is the primary), else the remembered size centred on the primary.
 */
export function fitToDisplays(saved: Rect | null, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return centred(clampSize(DEFAULT_SIZE, primary), primary);
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, MIN_VISIBLE.height) };
  const home = workAreas.find((area) => {
    const seen = overlap(titleBar, area);
    return seen.width >= Math.min(MIN_VISIBLE.width, saved.width) && seen.height >= Math.min(MIN_VISIBLE.height, saved.height);
  });
  if (!home) return centred(clampSize(saved, primary), primary);
  const size = clampSize(saved, home);
  // Pull the window back inside the display it mostly sits on when it has grown past an edge.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - size.height);
  return { x: Math.round(Math.max(x, home.x)), y: Math.round(Math.max(y, home.y)), ...size };
}
