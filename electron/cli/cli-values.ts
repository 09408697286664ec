import { StudioError } from '../../shared/contract/errors';
import type { CliContext } from './command';

// Option values as commands read them. parseArgs gives strings; ranges and meanings are the contract's to
// check (the dispatcher validates every call), so only "is it a number at all" is decided here.

/** The number given as `--name`, or undefined when the option is absent. */
export function numberOption(ctx: CliContext, name: string): number | undefined {
  const raw = ctx.values[name];
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new StudioError('invalid_input', `--${name}: "${raw}" is not a number`);
  return value;
}

/** Every value of a repeatable `--name` (none when absent). */
export function listOption(ctx: CliContext, name: string): string[] {
  const raw = ctx.values[name];
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
}

/** The text given as `--name`, or undefined. */
export function textOption(ctx: CliContext, name: string): string | undefined {
  const raw = ctx.values[name];
  return typeof raw === 'string' ? raw : undefined;
}
