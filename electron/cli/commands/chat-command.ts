import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChatReplyResult } from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import type { GenerationSettingsPatch } from '../../../shared/runtime/sampler-schema';
import type { Studio } from '../../host/studio';
import type { ReplyOptions } from '../../services/chat/reply-runner';
import { assertAdapterUsable } from '../../services/chat/chat-context';
import { modelInfoForFile } from '../../services/runtime/model-file-info';
import type { CliCommand, CliContext } from '../command';

/** The JSON a one-shot `studio chat --message` prints: the reply, its token counts and timings. */
function summary(result: ChatReplyResult, characterId: string, model: string) {
  const s = result.reply.stats;
  return {
    character: characterId, chatId: result.chat.id, model, reply: result.reply.text, stopReason: result.reply.stopReason,
    tokens: { prompt: s.promptTokens, evaluated: s.evaluatedTokens, reused: s.reusedTokens, generated: s.generatedTokens },
    timings: {
      timeToFirstTokenMs: Math.round(s.timeToFirstTokenMs), prefillTokensPerSecond: Math.round(s.prefillTokensPerSecond * 10) / 10,
      decodeTokensPerSecond: Math.round(s.decodeTokensPerSecond * 10) / 10, totalMs: Math.round(s.totalMs),
    },
    droppedTurns: s.droppedTurns, restoredState: s.restoredState, contextSize: s.contextSize,
  };
}

const number = (ctx: CliContext, name: string): number | undefined => {
  const raw = ctx.values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new StudioError('invalid_input', `--${name}: "${String(raw)}" is not a number`);
  return value;
};

function samplerPatch(ctx: CliContext): GenerationSettingsPatch | null {
  const sampler: NonNullable<GenerationSettingsPatch['sampler']> = {};
  const maxTokens = number(ctx, 'max-tokens');
  const temperature = number(ctx, 'temperature');
  const seed = number(ctx, 'seed');
  if (maxTokens !== undefined) sampler.maxTokens = maxTokens;
  if (temperature !== undefined) sampler.temperature = temperature;
  if (seed !== undefined) sampler.seed = seed;
  return Object.keys(sampler).length > 0 ? { sampler } : null;
}

async function interactive(ctx: CliContext, studio: Studio, characterId: string, chatId: string, options: ReplyOptions): Promise<void> {
  const chat = studio.services.chat;
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  let running: AbortController | null = null;
  // Ctrl+C stops the reply being written; at the prompt it ends the chat.
  const onSigint = (): void => (running ? running.abort() : lines.close());
  process.on('SIGINT', onSigint);
  process.stderr.write('Type a message and press Enter. /regen regenerates the last reply, /continue continues it, /quit ends.\n');
  const ask = (): void => lines.setPrompt('> ');
  try {
    ask();
    lines.prompt();
    for await (const line of lines) {
      const text = line.trim();
      if (text === '/quit') break;
      if (text !== '') {
        running = new AbortController();
        const emit = (p: { type: string; text?: string }): void => void (p.type === 'token' && process.stdout.write(p.text ?? ''));
        try {
          const input = { characterId, chatId };
          if (text === '/regen') await chat.reply(input, 'regenerate', emit, running.signal, options);
          else if (text === '/continue') await chat.reply(input, 'continue', emit, running.signal, options);
          else await chat.send({ ...input, text }, emit, running.signal, options);
          process.stdout.write('\n');
        } catch (error) {
          process.stderr.write(`studio: ${(error as Error).message}\n`);
        } finally {
          running = null;
        }
      }
      lines.prompt();
    }
  } finally {
    process.off('SIGINT', onSigint);
    lines.close();
  }
  ctx.result({ character: characterId, chatId }, `Chat saved as ${chatId}.`);
}

/** `studio chat`: one turn for scripts (JSON), or a terminal chat for people. */
export const chatCommand: CliCommand = {
  words: ['chat'],
  summary: 'Talk to a character: one message with --message (reply, token counts, timings), else an interactive chat',
  usage: 'studio chat <character> [--message TEXT] [--chat ID] [--model FILE] [--adapter FILE [--scale N]] [--max-tokens N] [--temperature T] [--seed N] [--json]',
  options: {
    message: { type: 'string', short: 'm' },
    chat: { type: 'string' },
    model: { type: 'string' },
    adapter: { type: 'string' },
    scale: { type: 'string' },
    'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(ctx) {
    const ref = ctx.args[0];
    if (!ref) throw new StudioError('invalid_input', 'name the character to chat with: studio chat <character id or name>');
    const studio = await ctx.studio();
    const character = await studio.services.characters.resolve(ref);
    const modelFile = ctx.values.model as string | undefined;
    if (modelFile) await studio.services.runtime.load(await modelInfoForFile(modelFile));
    const options: ReplyOptions = {};
    if (ctx.values.adapter) {
      // Checked before anything is written, so a wrong file leaves no half-started chat behind.
      options.adapterFile = { path: resolve(String(ctx.values.adapter)), scale: number(ctx, 'scale') ?? 1 };
      await assertAdapterUsable(options.adapterFile.path, await studio.services.chatModel());
    }
    const chat = studio.services.chat;
    const chatId = (ctx.values.chat as string | undefined) ?? (await chat.create(character.id)).id;
    const patch = samplerPatch(ctx);
    if (patch) await chat.setSettings(character.id, chatId, patch);
    const message = ctx.values.message as string | undefined;
    if (message === undefined) return interactive(ctx, studio, character.id, chatId, options);
    if (message.trim() === '') throw new StudioError('invalid_input', '--message: a message cannot be empty');
    const stream = !ctx.json;
    const result = await chat.send(
      { characterId: character.id, chatId, text: message },
      (p) => void (stream && p.type === 'token' && process.stdout.write(p.text)),
      new AbortController().signal,
      options,
    );
    const out = summary(result, character.id, studio.services.runtime.currentModel()?.info.name ?? '');
    const t = out.tokens;
    ctx.result(out, `\n[${out.stopReason}] ${t.prompt} prompt tokens (${t.evaluated} read, ${t.reused} reused), ${t.generated} generated; first token ${out.timings.timeToFirstTokenMs} ms, ${out.timings.decodeTokensPerSecond} tokens/s (chat ${out.chatId})`);
  },
};
