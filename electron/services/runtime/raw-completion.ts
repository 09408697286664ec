import type { LlamaModel, Token } from 'node-llama-cpp';
import { StudioError } from '../../../shared/contract/errors';
import { replyReserve } from '../../../shared/runtime/context-window';
import type { ChatSampler } from '../../../shared/runtime/sampler-schema';
import type { AdapterSpec } from './context-pool';

/** Raw prompt text to complete, without any chat format (the OpenAI-compatible `/v1/completions`). */
export interface RawCompletionRequest {
  /** Whose KV cache the completion reuses by common prefix. */
  session: string;
  prompt: string;
  sampler: ChatSampler;
  adapter: AdapterSpec | null;
  stop: readonly string[];
}

/**
 * Raw prompt text (the OpenAI-compatible `/v1/completions`) as the model's tokens. Control tokens written
 * in the text (`[gMASK]`, `sop`) are read as control tokens, as llama-server reads them, so a client can
 * send the exact CharacterGLM prompt. Refused when empty, or when it leaves no room for the reply.
 */
export function rawPromptTokens(model: LlamaModel, text: string, contextSize: number, maxTokens: number): Token[] {
  const tokens = model.tokenize(text, true);
  if (tokens.length === 0) throw new StudioError('invalid_input', 'the prompt is empty');
  const budget = contextSize - replyReserve(contextSize, maxTokens);
  if (tokens.length > budget) {
    throw new StudioError(
      'invalid_input',
      `the prompt has ${tokens.length} tokens, more than the ${budget} a context of ${contextSize} leaves beside the reply: shorten it or lower max_tokens`,
    );
  }
  return tokens;
}
