import { PNG } from 'pngjs';

// The app icon, drawn from code so the repository holds its source and nothing is downloaded: a warm
// rounded square with a speech bubble that has a face (a character who talks). Shapes are signed
// distance functions; one pixel of distance becomes the anti-aliased edge. electron-builder derives
// the Windows .ico, the macOS .icns and the Linux sizes from the 1024 px PNG.

type Rgb = readonly [number, number, number];

const TOP: Rgb = [0xd9, 0x6a, 0x3b];
const BOTTOM: Rgb = [0x8c, 0x33, 0x1a];
const BUBBLE: Rgb = [0xff, 0xf8, 0xf1];
const FACE: Rgb = [0x7a, 0x2f, 0x14];

function roundedRect(x: number, y: number, cx: number, cy: number, half: number, radius: number): number {
  const qx = Math.abs(x - cx) - (half - radius);
  const qy = Math.abs(y - cy) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function ellipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): number {
  // Scaled distance: exact enough for a 1 px anti-aliased edge on a gently curved ellipse.
  const k = Math.hypot((x - cx) / rx, (y - cy) / ry);
  return (k - 1) * Math.min(rx, ry);
}

function triangle(x: number, y: number, a: Rgb, b: Rgb, c: Rgb): number {
  const edges: [Rgb, Rgb][] = [
    [a, b],
    [b, c],
    [c, a],
  ];
  let inside = true;
  let distance = Infinity;
  for (const [p, q] of edges) {
    const ex = q[0] - p[0];
    const ey = q[1] - p[1];
    const t = Math.max(0, Math.min(1, ((x - p[0]) * ex + (y - p[1]) * ey) / (ex * ex + ey * ey)));
    distance = Math.min(distance, Math.hypot(x - p[0] - ex * t, y - p[1] - ey * t));
    if ((x - p[0]) * ey - (y - p[1]) * ex > 0) inside = false;
  }
  return inside ? -distance : distance;
}

function smile(x: number, y: number, size: number): number {
  const cx = size * 0.5;
  const cy = size * 0.455;
  const ring = Math.abs(Math.hypot(x - cx, y - cy) - size * 0.13) - size * 0.026;
  const angle = Math.atan2(y - cy, x - cx);
  // Only the lower arc (from 35° to 145°, y grows downwards), with round ends.
  if (angle > (35 * Math.PI) / 180 && angle < (145 * Math.PI) / 180) return ring;
  const r = size * 0.13;
  const end = (deg: number): number => Math.hypot(x - (cx + r * Math.cos((deg * Math.PI) / 180)), y - (cy + r * Math.sin((deg * Math.PI) / 180))) - size * 0.026;
  return Math.min(end(35), end(145));
}

const coverage = (distance: number): number => Math.max(0, Math.min(1, 0.5 - distance));

/** Draws the icon at `size` pixels square (RGBA). */
export function drawIcon(size = 1024): PNG {
  const png = new PNG({ width: size, height: size });
  const s = size / 1024;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      const t = y / size;
      let rgb: number[] = TOP.map((c, i) => c + (BOTTOM[i]! - c) * t);
      const plate = coverage(roundedRect(x, y, size / 2, size / 2, 448 * s, 200 * s));
      const bubbleDistance = Math.min(
        ellipse(x, y, 512 * s, 470 * s, 300 * s, 245 * s),
        triangle(x, y, [330 * s, 640 * s, 0], [470 * s, 700 * s, 0], [300 * s, 810 * s, 0]),
      );
      const bubble = coverage(bubbleDistance);
      rgb = rgb.map((c, i) => c + (BUBBLE[i]! - c) * bubble);
      const face = Math.min(
        Math.hypot(x - 418 * s, y - 420 * s) - 40 * s,
        Math.hypot(x - 606 * s, y - 420 * s) - 40 * s,
        smile(x, y, size),
      );
      const ink = coverage(face) * bubble;
      rgb = rgb.map((c, i) => c + (FACE[i]! - c) * ink);
      const offset = (py * size + px) * 4;
      png.data[offset] = Math.round(rgb[0]!);
      png.data[offset + 1] = Math.round(rgb[1]!);
      png.data[offset + 2] = Math.round(rgb[2]!);
      png.data[offset + 3] = Math.round(255 * plate);
    }
  }
  return png;
}

/** The icon as PNG file bytes. */
export function iconPngBytes(size = 1024): Buffer {
  return PNG.sync.write(drawIcon(size), { colorType: 6 });
}
