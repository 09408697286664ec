import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';

// Avatars arrive as bytes from a file picker, the clipboard or an imported card. The first bytes decide
// the type (never the name or a claimed MIME type), and the size is capped so one paste cannot fill the
// library or the WebSocket.

/** The largest avatar accepted. */
export const MAX_AVATAR_BYTES = 8 * 1024 * 1024;

const SIGNATURES: { mediaType: string; extension: string; test: (b: Uint8Array) => boolean }[] = [
  { mediaType: 'image/png', extension: 'png', test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  { mediaType: 'image/jpeg', extension: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: 'image/gif', extension: 'gif', test: (b) => String.fromCharCode(...b.subarray(0, 6)).match(/^GIF8[79]a$/) !== null },
  {
    mediaType: 'image/webp',
    extension: 'webp',
    test: (b) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
  },
];

/** The image type of `bytes`, or a named error when they are too big or not an image. */
export function sniffAvatar(bytes: Uint8Array, source: string): { mediaType: string; extension: string } {
  if (bytes.length === 0) throw new StudioError('bad_file', `${source}: the file is empty`);
  if (bytes.length > MAX_AVATAR_BYTES) {
    throw new StudioError('bad_file', `${source}: ${formatBytes(bytes.length)} is too large for an avatar (at most ${formatBytes(MAX_AVATAR_BYTES)})`);
  }
  const match = SIGNATURES.find((s) => s.test(bytes));
  if (!match) throw new StudioError('bad_file', `${source}: not a PNG, JPEG, GIF or WebP image`);
  return { mediaType: match.mediaType, extension: match.extension };
}

/** The media type for a stored avatar file name. */
export function mediaTypeForAvatar(fileName: string): string {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return SIGNATURES.find((s) => s.extension === ext || (ext === 'jpeg' && s.extension === 'jpg'))?.mediaType ?? 'application/octet-stream';
}
