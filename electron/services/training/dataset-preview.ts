import type { LlamaModel } from 'node-llama-cpp';
import type { SessionMeta } from '../../../shared/prompt/characterglm-format';
import type { DatasetPreview } from '../../../shared/training/dataset-view';
import { packWindows } from '../../../shared/training/pack-windows';
import { sampleMeta, sampleSegments } from '../../../shared/training/sample-segments';
import { trainedReplyCount, type ParsedDataset } from '../../../shared/training/training-sample';
import { tokeniseSamples } from './dataset-tokens';

// The preview of a dataset: what each dialogue will look like to the model (trained replies marked),
// token counts with the chosen base model, how many windows a run will have, and every problem by line.

const PREVIEW_SAMPLES = 20;

/** Builds the preview; without a model the token counts are left out. */
export function datasetPreview(
  parsed: ParsedDataset, meta: SessionMeta, tokenizer: { model: LlamaModel; name: string } | null, windowTokens: number,
): DatasetPreview {
  const tokenised = tokenizer ? tokeniseSamples(tokenizer.model, meta, parsed.samples, windowTokens) : null;
  const byLine = new Map(tokenised?.dialogues.map((d) => [d.line, d]) ?? []);
  const pieces = tokenised?.dialogues.flatMap((d) => d.pieces) ?? [];
  return {
    format: parsed.format,
    dialogues: parsed.samples.length,
    replies: parsed.samples.reduce((n, s) => n + trainedReplyCount(s.turns), 0),
    issues: parsed.issues,
    tooLong: tokenised?.issues ?? [],
    notes: parsed.notes,
    stats: tokenised && tokenizer
      ? {
          model: tokenizer.name,
          windowTokens,
          tokens: tokenised.dialogues.reduce((n, d) => n + d.tokens, 0),
          trainedTokens: tokenised.dialogues.reduce((n, d) => n + d.trainedTokens, 0),
          pieces: pieces.length,
          windows: pieces.length > 0 ? packWindows(pieces.map((p) => p.tokens.length), windowTokens).length : 0,
        }
      : null,
    samples: parsed.samples.slice(0, PREVIEW_SAMPLES).map((s) => ({
      line: s.line,
      segments: sampleSegments(sampleMeta(meta, s.meta), s.turns),
      tokens: byLine.get(s.line)?.tokens ?? null,
      trainedTokens: byLine.get(s.line)?.trainedTokens ?? null,
    })),
  };
}
