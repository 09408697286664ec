import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { StudioError } from '../../shared/contract/errors';
import { createStudio, type Studio } from '../host/studio';
import { defaultDataRoot } from '../services/paths/data-layout';
import type { CliCommand, CliContext } from './command';
import { commands } from './commands/index';

/** Where the CLI writes; injectable so tests capture output without spawning. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const GLOBAL_OPTIONS = {
  library: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`);
  return ['Usage: studio <command> [options] [--library DIR] [--json]', '', 'Commands:', ...lines].join('\n');
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  let best: CliCommand | null = null;
  for (const c of commands) {
    if (c.words.every((w, i) => words[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  if (!best) return null;
  const rest = [...argv];
  for (const w of best.words) rest.splice(rest.indexOf(w), 1);
  return { command: best, rest };
}

/** What tests may change in the studio a command opens (shorter retry pauses). */
export type CliStudioOptions = Pick<Parameters<typeof createStudio>[0], 'downloadRetry'>;

/** Runs one CLI invocation and returns the exit code; every failure is one line on stderr. */
export async function runCli(argv: string[], io: CliIo, studioOptions: CliStudioOptions = {}): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      io.stdout(`${helpText()}\n`);
      return 0;
    }
    io.stderr(`studio: unknown command "${argv.filter((a) => !a.startsWith('-')).join(' ')}" (run \`studio --help\`)\n`);
    return 2;
  }
  const { command, rest } = found;
  let studio: Studio | null = null;
  try {
    const parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.stdout(`Usage: ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const json = Boolean(parsed.values.json);
    const libraryDir = resolve((parsed.values.library as string | undefined) ?? defaultDataRoot());
    const ctx: CliContext = {
      args: parsed.positionals,
      values: parsed.values as CliContext['values'],
      json,
      libraryDir,
      studio: async () => (studio ??= await createStudio({ ...studioOptions, dataDir: libraryDir, transport: 'serve' })),
      result: (value, text) => io.stdout(json ? `${JSON.stringify(value)}\n` : `${text}\n`),
      progress: (value, text) => (json ? io.stdout(`${JSON.stringify(value)}\n`) : io.stderr(`${text}\n`)),
      write: (text) => io.stdout(text),
      note: (text) => io.stderr(`${text}\n`),
    };
    await command.run(ctx);
    return 0;
  } catch (error) {
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    io.stderr(`studio: ${message}\n`);
    return error instanceof StudioError && error.code === 'invalid_input' ? 2 : 1;
  } finally {
    // Test hooks and the serve loop end here; the runtime's native resources must be released.
    await (studio as Studio | null)?.dispose().catch(() => undefined);
  }
}
