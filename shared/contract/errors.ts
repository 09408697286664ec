import type { ModelProblem } from '../models/model-problem';

// One error shape for every boundary (IPC, WebSocket, CLI), so the renderer and the CLI can show the
// same clear one-line message. A named problem travels beside it as data, so the renderer can word it
// in the user's language.

export type StudioErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unsupported'
  | 'bad_file'
  | 'cancelled'
  | 'unauthorized'
  | 'failed';

/** The serialisable form sent over the wire. */
export interface WireError {
  code: StudioErrorCode;
  message: string;
  problem?: ModelProblem;
}

/** An error meant for the user: its message names the problem (file, line, field). */
export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly problem?: ModelProblem;
  constructor(code: StudioErrorCode, message: string, problem?: ModelProblem) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    if (problem) this.problem = problem;
  }
}

/** Turns anything thrown into the wire shape without losing its message. */
export function toWireError(error: unknown): WireError {
  if (error instanceof StudioError) return { code: error.code, message: error.message, ...(error.problem ? { problem: error.problem } : {}) };
  if (error instanceof Error) {
    return { code: error.name === 'AbortError' ? 'cancelled' : 'failed', message: error.message };
  }
  return { code: 'failed', message: String(error) };
}

/** Rebuilds a throwable error on the receiving side. */
export function fromWireError(wire: WireError): StudioError {
  return new StudioError(wire.code, wire.message, wire.problem);
}
