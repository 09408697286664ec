import { isAbsolute, resolve } from 'node:path';
import { defaultDataRoot } from '../services/paths/data-layout';
import { isOpenableFile } from '../../shared/desktop/file-kinds';

// The desktop app's command line: `--library DIR` picks the data folder (as in the CLI), and any
// card or pack file named on it is opened, whether at first launch or forwarded from a second one.

const VALUE_FLAGS = new Set(['--library']);

function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** The data folder: `--library DIR`, else STUDIO_LIBRARY, else the platform's per-user folder. */
export function libraryFromArgv(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = flagValue(argv, '--library');
  return value ? resolve(cwd, value) : defaultDataRoot(env);
}

/**
 * Card and pack files named on a command line, as absolute paths. Flags (and the values of flags that
 * take one), the executable and the app folder are skipped: only names with an openable extension
 * count, so Chromium's switches and `electron .` never look like files.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_FLAGS.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-') || !isOpenableFile(arg)) continue;
    // Windows shells and macOS "open" sometimes hand over file:// URLs instead of paths.
    const path = arg.startsWith('file://') ? decodeURIComponent(new URL(arg).pathname.replace(/^\/([a-z]:)/i, '$1')) : arg;
    files.push(isAbsolute(path) ? path : resolve(cwd, path));
  }
  return [...new Set(files)];
}
