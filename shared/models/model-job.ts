// The packets of long model work (import, download, conversion, a get from the hub): one shape so the
// Models view and the CLI show every job the same way.

/** Which step a job is in; a get runs list → download → convert → (build) → quantize → verify → load. */
export type ModelJobPhase = 'list' | 'copy' | 'download' | 'verify' | 'convert' | 'build' | 'quantize' | 'load';

/** A stream packet; `done`/`total` are bytes, except tensors while quantising. */
export type ModelJobPacket =
  | { type: 'progress'; phase: ModelJobPhase; done: number; total: number; bytesPerSecond?: number; etaSeconds?: number | null; detail?: string }
  | { type: 'notice'; message: string };
