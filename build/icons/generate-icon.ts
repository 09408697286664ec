import { writeFileAtomic } from '../../electron/services/fs/atomic-write';
import { iconPngBytes } from './draw-icon';

// `npx tsx build/icons/generate-icon.ts` — redraws build/icons/icon.png (committed; a unit test checks
// that it still matches the drawing code).
const target = new URL('./icon.png', import.meta.url).pathname;
await writeFileAtomic(target, iconPngBytes(1024));
process.stdout.write(`wrote ${target}\n`);
