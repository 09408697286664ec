// What one generated reply reports back: why it stopped and what it cost. The chat UI shows these, the CLI
// prints them, and the KV-reuse tests and the benchmark read them.

/** Why generation ended. `speaker`: the reply's line ended (CharacterGLM: a newline) or a stop sequence the request added appeared; `length`: max tokens or context full. */
export type StopReason = 'eos' | 'speaker' | 'length' | 'cancelled';

/** Token counts and timings of one reply. */
export interface ReplyStats {
  /** Tokens in the prompt that produced the reply. */
  promptTokens: number;
  /** Prompt tokens llama.cpp actually evaluated for this reply (the rest came from the KV cache). */
  evaluatedTokens: number;
  /** Prompt tokens reused from the KV cache. */
  reusedTokens: number;
  generatedTokens: number;
  /** Oldest turns left out of the prompt because the context is full (the profile and greeting stay). */
  droppedTurns: number;
  contextSize: number;
  /** True when this chat's KV cache was restored from its saved state file for this reply. */
  restoredState: boolean;
  timeToFirstTokenMs: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  totalMs: number;
}

/** One finished (or stopped) reply. */
export interface ReplyResult {
  text: string;
  stopReason: StopReason;
  stats: ReplyStats;
}

/** Packets of a reply stream: text as it arrives, then a note once the prompt is known. */
export type ReplyPacket =
  | { type: 'token'; text: string }
  | { type: 'prompt'; promptTokens: number; droppedTurns: number; restoredState: boolean };
