import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../prompt/sampling-defaults';
import { OpenAiError } from './openai-error';
import { chatCompletionRequestSchema, completionRequestSchema, promptText } from './openai-requests';
import { refuseUnsupported, samplerFor, stopStrings } from './request-sampler';

const chat = (fields: Record<string, unknown>) => chatCompletionRequestSchema.parse({ model: 'su', messages: [{ role: 'user', content: 'hi' }], ...fields });
const text = (fields: Record<string, unknown>) => completionRequestSchema.parse({ model: 'su', prompt: 'hi', ...fields });

/** Matches the OpenAiError a refusal throws. */
const refused = (fields: Partial<OpenAiError>) => expect.objectContaining({ name: 'OpenAiError', ...fields });

describe('samplerFor', () => {
  it('keeps the defaults for what the request leaves out and maps what it sets', () => {
    expect(samplerFor(chat({}), CHARACTERGLM_SAMPLER_DEFAULTS)).toEqual(CHARACTERGLM_SAMPLER_DEFAULTS);
    expect(samplerFor(chat({
      temperature: 0.2, top_p: 0.5, top_k: 40, min_p: 0.05, repetition_penalty: 1.1, max_tokens: 100, max_completion_tokens: 50, seed: 7, ignore_eos: true,
    }), CHARACTERGLM_SAMPLER_DEFAULTS)).toEqual({
      temperature: 0.2, topP: 0.5, topK: 40, minP: 0.05, repeatPenalty: 1.1, maxTokens: 50, seed: 7, banEos: true,
    });
    expect(samplerFor(text({ seed: -1, temperature: null }), { ...CHARACTERGLM_SAMPLER_DEFAULTS, seed: 3 })).toEqual({ ...CHARACTERGLM_SAMPLER_DEFAULTS, seed: null });
  });

  it("refuses values outside the studio's ranges under the request's field name", () => {
    expect(() => samplerFor(chat({ temperature: 9 }), CHARACTERGLM_SAMPLER_DEFAULTS))
      .toThrow(refused({ status: 400, param: 'temperature', code: 'invalid_value', message: expect.stringMatching(/^temperature: /) }));
    expect(() => samplerFor(chat({ max_completion_tokens: 0 }), CHARACTERGLM_SAMPLER_DEFAULTS)).toThrow(refused({ param: 'max_completion_tokens' }));
    expect(() => samplerFor(text({ top_p: 2 }), CHARACTERGLM_SAMPLER_DEFAULTS)).toThrow(refused({ param: 'top_p' }));
  });
});

describe('refuseUnsupported', () => {
  it('lets requests through that ask for nothing the studio lacks', () => {
    expect(() => refuseUnsupported(chat({ n: 1, frequency_penalty: 0, presence_penalty: 0, logit_bias: {}, logprobs: false, tools: [], response_format: { type: 'text' } }))).not.toThrow();
    expect(() => refuseUnsupported(text({ echo: false, best_of: 1, suffix: '' }))).not.toThrow();
  });

  it('refuses by name what it cannot honour', () => {
    const cases: [() => void, string][] = [
      [() => refuseUnsupported(chat({ n: 2 })), 'n'],
      [() => refuseUnsupported(chat({ presence_penalty: 0.5 })), 'presence_penalty'],
      [() => refuseUnsupported(chat({ logit_bias: { 13: -100 } })), 'logit_bias'],
      [() => refuseUnsupported(chat({ tools: [{ type: 'function' }] })), 'tools'],
      [() => refuseUnsupported(chat({ response_format: { type: 'json_object' } })), 'response_format'],
      [() => refuseUnsupported(text({ logprobs: 0 })), 'logprobs'],
      [() => refuseUnsupported(text({ echo: true })), 'echo'],
      [() => refuseUnsupported(text({ suffix: 'end' })), 'suffix'],
    ];
    for (const [run, param] of cases) expect(run, param).toThrow(refused({ status: 400, param, code: 'unsupported_parameter' }));
  });
});

describe('request schemas', () => {
  it('read stop sequences and prompts in both of their forms', () => {
    expect(stopStrings(chat({ stop: '\n' }))).toEqual(['\n']);
    expect(stopStrings(chat({ stop: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(stopStrings(chat({}))).toEqual([]);
    expect(promptText(text({ prompt: ['only one'] }))).toBe('only one');
  });

  it('name what is wrong: tool roles, image parts, token prompts', () => {
    const tool = chatCompletionRequestSchema.safeParse({ model: 'su', messages: [{ role: 'tool', content: 'x' }] });
    expect(tool.error?.issues[0]?.message).toContain('tool messages are not supported');
    const image = chatCompletionRequestSchema.safeParse({ model: 'su', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] });
    expect(image.error?.issues[0]?.message).toContain('images, audio and files are not read');
    const tokens = completionRequestSchema.safeParse({ model: 'su', prompt: [1, 2, 3] });
    expect(tokens.error?.issues[0]?.message).toContain('prompt must be one string');
  });
});
