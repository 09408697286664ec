import { describe, expect, it } from 'vitest';
import { completionChunkSchema, remoteInfoFrom } from './remote-wire';

// What the studio reads from the two servers it is documented with. llama-server's answers are also read
// live in remote-engine.test.ts; vLLM's shapes (from its OpenAI server: /v1/models with max_model_len, no
// /props, no /lora-adapters, adapters listed as models) are pinned here.

describe('remoteInfoFrom', () => {
  it("reads vLLM: the context from the chosen model's max_model_len, adapters as models", () => {
    const info = remoteInfoFrom({
      models: { object: 'list', data: [{ id: 'thu-coai/CharacterGLM-6B', max_model_len: 8192 }, { id: 'gentle', max_model_len: 8192, parent: 'thu-coai/CharacterGLM-6B' }] },
      props: null, adapters: null, model: 'thu-coai/CharacterGLM-6B', addsSpecial: true,
    });
    expect(info).toEqual({ models: ['thu-coai/CharacterGLM-6B', 'gentle'], contextSize: 8192, adapters: null, addsSpecial: true });
  });

  it("reads llama-server: the slot's context from /props, adapters by id and path", () => {
    const info = remoteInfoFrom({
      models: { data: [{ id: 'model.gguf', meta: { n_ctx: 4096 } }] },
      props: { default_generation_settings: { n_ctx: 2048 } },
      adapters: [{ id: 0, path: 'C:\\adapters\\gentle.gguf', scale: 1 }],
      model: '', addsSpecial: false,
    });
    expect(info).toEqual({ models: ['model.gguf'], contextSize: 2048, adapters: [{ id: 0, path: 'C:\\adapters\\gentle.gguf' }], addsSpecial: false });
  });

  it('refuses an answer that is not a model list, and reads no context where none is said', () => {
    expect(() => remoteInfoFrom({ models: { models: [] }, props: null, adapters: null, model: '', addsSpecial: null })).toThrow(/did not answer with a list of models/);
    expect(remoteInfoFrom({ models: { data: [{ id: 'x' }] }, props: { other: 1 }, adapters: { not: 'a list' }, model: '', addsSpecial: null }))
      .toEqual({ models: ['x'], contextSize: null, adapters: null, addsSpecial: null });
  });
});

describe('completionChunkSchema', () => {
  it('reads text, finish reason, usage and timings, and refuses a chunk whose text is not text', () => {
    expect(completionChunkSchema.parse({ choices: [{ text: '你', finish_reason: null }], usage: { prompt_tokens: 9, completion_tokens: 1 }, timings: { prompt_n: 3, cache_n: 6 } }))
      .toEqual({ choices: [{ text: '你', finish_reason: null }], usage: { prompt_tokens: 9, completion_tokens: 1 }, timings: { prompt_n: 3, cache_n: 6 } });
    expect(completionChunkSchema.safeParse({ choices: [{ text: 42 }] }).success).toBe(false);
  });
});
