import type { LlamaModel } from 'node-llama-cpp';
import type { SessionMeta } from '../../../shared/prompt/characterglm-format';
import type { DatasetIssue, TrainingSample } from '../../../shared/training/training-sample';
import { sampleMeta } from '../../../shared/training/sample-segments';
import type { ChunkRange } from '../../../shared/training/chunk-plan';
import type { LabelledTokens } from '../../../shared/training/token-labels';
import { dialoguePieces, tokenizeDialogue } from './dialogue-tokens';

// Every dialogue of a dataset as trainable pieces for one model and window size, with the dialogues that
// cannot fit named by line (and turn), so the writer can shorten them.

/** The pieces of one dialogue, or why it cannot be trained on. */
export interface DialogueResult {
  line: number;
  pieces: LabelledTokens[];
  /** The turns each piece covers (pieces[i] renders turns chunks[i].start … end − 1 after the header). */
  chunks: ChunkRange[];
  tokens: number;
  trainedTokens: number;
}

/** A dataset tokenised for training. */
export interface TokenisedDataset {
  dialogues: DialogueResult[];
  issues: DatasetIssue[];
}

/** Tokenises samples with the base model's own tokenizer; `meta` is the character's session meta. */
export function tokeniseSamples(model: LlamaModel, meta: SessionMeta, samples: readonly TrainingSample[], windowTokens: number): TokenisedDataset {
  const eos = model.tokens.eos;
  if (eos === null) throw new Error('the base model has no end-of-sequence token');
  const dialogues: DialogueResult[] = [];
  const issues: DatasetIssue[] = [];
  for (const sample of samples) {
    const tokens = tokenizeDialogue(model, sampleMeta(meta, sample.meta), sample.turns);
    const result = dialoguePieces(tokens, sample.turns.map((t) => t.speaker), windowTokens, eos);
    if (result.tooLong) {
      issues.push({
        line: sample.line,
        message: `turn ${result.tooLong.turn + 1} needs ${result.tooLong.tokens} tokens with the profile and its user message, ` +
          `more than the ${windowTokens}-token training window: shorten it or choose a larger window`,
      });
      continue;
    }
    dialogues.push({
      line: sample.line,
      pieces: result.pieces,
      chunks: result.chunks,
      tokens: result.pieces.reduce((n, p) => n + p.tokens.length, 0),
      trainedTokens: result.pieces.reduce((n, p) => n + p.labels.filter((l) => l >= 0).length, 0),
    });
  }
  return { dialogues, issues };
}
