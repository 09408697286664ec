import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// Which files of a character's folder travel in a studio pack. The rule is an allow-list, so nothing
// private or machine-specific leaves by accident:
//   packed      adapters/**, datasets/**, corrections.jsonl, eval*.jsonl / evaluation*/** (the
//               evaluation log), card-assets/** (assets a CHARX came with; written back as assets)
//   by design   character.json (becomes card.json), the avatar (becomes the CHARX icon)
//   left out    chats/** (private conversations; the whole-library backup keeps them), dot files
//               (temp files of atomic writes), migration backups, and anything else — listed back to
//               the user by name so nothing is left out silently.

/** Card assets kept from an imported CHARX, by their archive path. */
export const CARD_ASSETS_DIR = 'card-assets';

const PACKED = [/^adapters\//, /^datasets\//, /^corrections\.jsonl$/, /^eval[^/]*\.jsonl$/, /^evaluations?\//];

/** How a folder file is treated by the pack. */
export type FileRole = 'packed' | 'card-asset' | 'card' | 'left-out';

/** The role of one file, by its path relative to the character folder (forward slashes). */
export function roleOf(path: string, avatar: string | null): FileRole {
  if (path === 'character.json' || path === avatar) return 'card';
  if (path.split('/').some((part) => part.startsWith('.'))) return 'left-out';
  if (path.startsWith(`${CARD_ASSETS_DIR}/`)) return 'card-asset';
  return PACKED.some((re) => re.test(path)) ? 'packed' : 'left-out';
}

/** Every file under `dir`, as forward-slash paths relative to it, sorted. */
export async function listFolderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
