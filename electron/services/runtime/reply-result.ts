import type { ReplyResult } from '../../../shared/runtime/generation';
import type { DecodedReply } from './reply-decoder';

/** Where a reply's prompt stood: its length, the turns it left out, the window, and whether saved KV state was loaded. */
export interface PromptStanding {
  promptTokens: number;
  droppedTurns: number;
  contextSize: number;
  restoredState: boolean;
}

/** A decoded reply as the engine reports it: its text, why it stopped, and its token counts and speeds. */
export function replyResult(decoded: DecodedReply, prompt: PromptStanding): ReplyResult {
  const prefillSeconds = decoded.timeToFirstTokenMs / 1000;
  return {
    text: decoded.text,
    stopReason: decoded.stopReason,
    stats: {
      ...prompt,
      evaluatedTokens: decoded.evaluatedTokens,
      reusedTokens: decoded.reusedTokens,
      generatedTokens: decoded.generatedTokens,
      timeToFirstTokenMs: decoded.timeToFirstTokenMs,
      prefillTokensPerSecond: prefillSeconds > 0 ? decoded.evaluatedTokens / prefillSeconds : 0,
      decodeTokensPerSecond: decoded.decodeMs > 0 ? (decoded.generatedTokens - 1) / (decoded.decodeMs / 1000) : 0,
      totalMs: decoded.timeToFirstTokenMs + decoded.decodeMs,
    },
  };
}
