import type { z } from 'zod';
import { contract } from '../../shared/contract/contract';
import type { StudioHandlers } from '../../shared/contract/api';
import { StudioError, studioErrorAt } from '../../shared/contract/errors';
import { formatIssues } from '../../shared/validation/format-issues';

// The one place where untrusted input meets the services: every call from IPC, WebSocket or CLI is
// looked up in the contract and validated by its zod schema before a handler sees it.

type Def = { kind: 'request' | 'stream'; input: z.ZodType };

function lookup(method: string): Def {
  const [domain, name, ...rest] = method.split('.');
  const group = domain !== undefined && Object.hasOwn(contract, domain) ? (contract as Record<string, Record<string, Def>>)[domain] : undefined;
  const def = group && name !== undefined && rest.length === 0 && Object.hasOwn(group, name) ? group[name] : undefined;
  if (!def) throw new StudioError('not_found', `unknown method "${method}"`);
  return def;
}

function validate(method: string, def: Def, input: unknown): unknown {
  const parsed = def.input.safeParse(input ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path ?? [];
    const where = path.length > 0 ? { field: path.map(String).join('.') } : {};
    throw studioErrorAt('invalid_input', where, `invalid input for ${method}: ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

function handlerFor(handlers: StudioHandlers, method: string): (...args: unknown[]) => Promise<unknown> {
  const [domain, name] = method.split('.') as [string, string];
  return (handlers as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[domain]![name]!;
}

/** Validated entry points over a set of handlers. */
export interface Dispatcher {
  kindOf: (method: string) => 'request' | 'stream';
  call: (method: string, input: unknown) => Promise<unknown>;
  stream: (method: string, input: unknown, emit: (packet: { type: string }) => void, signal: AbortSignal) => Promise<unknown>;
}

export function createDispatcher(handlers: StudioHandlers): Dispatcher {
  return {
    kindOf: (method) => lookup(method).kind,
    async call(method, input) {
      const def = lookup(method);
      if (def.kind !== 'request') throw new StudioError('invalid_input', `${method} is a stream; open it as a stream`);
      return handlerFor(handlers, method)(validate(method, def, input));
    },
    async stream(method, input, emit, signal) {
      const def = lookup(method);
      if (def.kind !== 'stream') throw new StudioError('invalid_input', `${method} is a request, not a stream`);
      return handlerFor(handlers, method)(validate(method, def, input), emit, signal);
    },
  };
}
