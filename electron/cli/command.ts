import type { ParseArgsConfig } from 'node:util';
import type { Studio } from '../host/studio';

// The shape of one `studio …` command. Each command is a small module; main.ts only routes.

export interface CliContext {
  /** Positional arguments after the command words. */
  args: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  libraryDir: string;
  /** Opens the services on the library folder (once per run). */
  studio: () => Promise<Studio>;
  /** The command's result: one JSON document with --json, readable text otherwise. */
  result: (value: unknown, text: string) => void;
  /** A progress line: JSON lines with --json, a plain line on stderr otherwise. */
  progress: (value: Record<string, unknown>, text: string) => void;
  /** Text as it arrives (a streamed reply), on stdout without a line break. */
  write: (text: string) => void;
  /** A line for the person at the terminal (hints, a failed turn), on stderr. */
  note: (text: string) => void;
}

export interface CliCommand {
  words: string[];
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run: (ctx: CliContext) => Promise<void>;
}
