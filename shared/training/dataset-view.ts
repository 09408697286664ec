import type { SampleSegment } from './sample-segments';
import type { DatasetFormat, DatasetIssue } from './training-sample';

// How the studio shows a dataset: in the list, and in the preview of exactly what will be trained on.

/** A dataset stored with a character (characters/<id>/datasets/<name>.jsonl). */
export interface DatasetSummary {
  name: string;
  dialogues: number;
  replies: number;
  sizeBytes: number;
  modifiedAt: string;
}

/** One dialogue of the preview: its prompt pieces (trained ones marked) and its token counts. */
export interface PreviewSample {
  line: number;
  segments: SampleSegment[];
  /** Null when no model is installed to count with. */
  tokens: number | null;
  trainedTokens: number | null;
}

/** Token totals of a dataset for one model and window size. */
export interface DatasetTokenStats {
  model: string;
  windowTokens: number;
  tokens: number;
  trainedTokens: number;
  pieces: number;
  windows: number;
}

/** What an import (or a stored dataset) holds, and what stops it from being trained on. */
export interface DatasetPreview {
  format: DatasetFormat;
  dialogues: number;
  replies: number;
  /** Problems of the file itself; an import with any is not saved. */
  issues: DatasetIssue[];
  /** Dialogues with a turn too long for the window shown: a run with that window refuses them. */
  tooLong: DatasetIssue[];
  notes: string[];
  stats: DatasetTokenStats | null;
  /** The first dialogues, rendered. */
  samples: PreviewSample[];
}
