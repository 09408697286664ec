import type { ModelProblem } from '../models/model-problem';

// One error shape for every boundary (IPC, WebSocket, CLI), so the renderer and the CLI can show the
// same clear one-line message. The message is English (CLI, logs); the code and what the error names
// (file, line, field) travel beside it as data, so the renderer words it in the user's language. A named
// model problem travels the same way.

/** Every error code, in one list, so the renderer's translations can be checked to cover them all. */
export const STUDIO_ERROR_CODES = [
  'invalid_input', 'not_found', 'conflict', 'unsupported', 'bad_file', 'cancelled', 'unauthorized', 'failed',
] as const;

export type StudioErrorCode = (typeof STUDIO_ERROR_CODES)[number];

/** A chat change the disk refused: what was lost, and the OS code (ENOSPC…) when the OS gave one. */
export interface UnsavedChange {
  change: 'message' | 'reply' | 'change';
  osCode: string | null;
}

/** What an error is about, as data the renderer can put into a translated sentence. */
export interface ErrorPlace {
  file?: string;
  line?: number;
  field?: string;
  unsaved?: UnsavedChange;
}

/** The serialisable form sent over the wire. */
export interface WireError {
  code: StudioErrorCode;
  message: string;
  problem?: ModelProblem;
  where?: ErrorPlace;
}

/** An error meant for the user: its message names the problem (file, line, field). */
export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly problem?: ModelProblem;
  readonly where?: ErrorPlace;
  constructor(code: StudioErrorCode, message: string, problem?: ModelProblem, where?: ErrorPlace) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    if (problem) this.problem = problem;
    if (where && Object.keys(where).length > 0) this.where = where;
  }
}

/** A StudioError that names its file, line or field as data as well as in its message. */
export function studioErrorAt(code: StudioErrorCode, where: ErrorPlace, message: string): StudioError {
  return new StudioError(code, message, undefined, where);
}

/** Turns anything thrown into the wire shape without losing its message. */
export function toWireError(error: unknown): WireError {
  if (error instanceof StudioError) {
    return { code: error.code, message: error.message, ...(error.problem ? { problem: error.problem } : {}), ...(error.where ? { where: error.where } : {}) };
  }
  if (error instanceof Error) {
    return { code: error.name === 'AbortError' ? 'cancelled' : 'failed', message: error.message };
  }
  return { code: 'failed', message: String(error) };
}

/** Rebuilds a throwable error on the receiving side. */
export function fromWireError(wire: WireError): StudioError {
  return new StudioError(wire.code, wire.message, wire.problem, wire.where);
}
