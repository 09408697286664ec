import { z } from 'zod';
import { StudioError } from '../../../../shared/contract/errors';

// What OpenAI-compatible servers send back, checked field by field: the streamed completion chunks
// (OpenAI's shape, with llama-server's `timings` where it adds them), the model list, and llama-server's
// own /props and /lora-adapters. Unknown fields are ignored; a wrong type in a field the studio reads is
// refused.

const count = z.number().int().min(0).max(1e9);

export const completionChunkSchema = z.object({
  choices: z.array(z.object({
    text: z.string().max(1e6).default(''),
    finish_reason: z.string().max(100).nullable().optional(),
  })).max(16).default([]),
  usage: z.object({ prompt_tokens: count, completion_tokens: count }).nullable().optional(),
  /** llama-server's: prompt tokens read now (`prompt_n`) and taken from its cache (`cache_n`). */
  timings: z.object({ prompt_n: count.optional(), cache_n: count.optional() }).nullable().optional(),
});

export type CompletionChunk = z.output<typeof completionChunkSchema>;

const modelListSchema = z.object({
  data: z.array(z.object({
    id: z.string().max(1000),
    /** vLLM's context length for the model. */
    max_model_len: count.optional(),
    /** llama-server's context per request. */
    meta: z.object({ n_ctx: count.optional() }).passthrough().nullable().optional(),
  }).passthrough()).max(10_000),
});

const propsSchema = z.object({ default_generation_settings: z.object({ n_ctx: count.optional() }).passthrough().optional() }).passthrough();

const adaptersSchema = z.array(z.object({ id: z.number().int().min(0).max(1e6), path: z.string().max(4096) }).passthrough()).max(1000);

/** What the studio knows of a server after asking it. */
export interface RemoteServerInfo {
  models: string[];
  /** Tokens one request may hold (llama-server's per-slot context, vLLM's max model length); null when not said. */
  contextSize: number | null;
  /** llama-server's adapters, each by id and file path on its machine; null where the server has no such list (vLLM: adapters are models). */
  adapters: { id: number; path: string }[] | null;
  /**
   * Whether its tokenizer puts CharacterGLM's `[gMASK]sop` before a prompt itself (the hub checkpoint's
   * tokenizer in vLLM does; a GGUF in llama-server does not, and the studio writes them into the text);
   * null when the server cannot tokenize.
   */
  addsSpecial: boolean | null;
}

/** Reads the answers of /v1/models, /props and /lora-adapters (null: the route does not exist). */
export function remoteInfoFrom(answers: { models: unknown; props: unknown; adapters: unknown; model: string; addsSpecial: boolean | null }): RemoteServerInfo {
  const models = modelListSchema.safeParse(answers.models);
  if (!models.success) throw new StudioError('bad_file', '/v1/models did not answer with a list of models: is this an OpenAI-compatible server?');
  const listed = models.data.data;
  const chosen = listed.find((m) => m.id === answers.model) ?? (answers.model === '' ? listed[0] : undefined);
  const props = answers.props === null ? null : propsSchema.safeParse(answers.props);
  const adapters = answers.adapters === null ? null : adaptersSchema.safeParse(answers.adapters);
  const contextSize = (props?.success ? props.data.default_generation_settings?.n_ctx : undefined) ?? chosen?.meta?.n_ctx ?? chosen?.max_model_len ?? null;
  return {
    models: listed.map((m) => m.id),
    contextSize: contextSize || null,
    adapters: adapters?.success ? adapters.data.map((a) => ({ id: a.id, path: a.path })) : null,
    addsSpecial: answers.addsSpecial,
  };
}
