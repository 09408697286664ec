import { createInterface } from 'node:readline';
import type { StudioApi } from '../../../shared/contract/api';
import type { ChatPacket, ChatReplyResult } from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import type { GenerationSettingsPatch } from '../../../shared/runtime/sampler-schema';
import { numberOption, textOption } from '../cli-values';
import type { CliCommand, CliContext } from '../command';

// `studio chat`: every step goes through the contract (runtime.loadModel, chat.create, chat.send…), so the
// dispatcher checks the inputs and the chat service checks an adapter file, as for any other caller.

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

function samplerPatch(ctx: CliContext): GenerationSettingsPatch | null {
  const sampler: NonNullable<GenerationSettingsPatch['sampler']> = {};
  const maxTokens = numberOption(ctx, 'max-tokens');
  const temperature = numberOption(ctx, 'temperature');
  const seed = numberOption(ctx, 'seed');
  if (maxTokens !== undefined) sampler.maxTokens = maxTokens;
  if (temperature !== undefined) sampler.temperature = temperature;
  if (seed !== undefined) sampler.seed = seed;
  return Object.keys(sampler).length > 0 ? { sampler } : null;
}

/** The reply's own adapter file, as the chat streams take it. */
type AdapterInput = { adapterFile?: string; adapterScale?: number };

async function interactive(ctx: CliContext, api: StudioApi, characterId: string, chatId: string, adapter: AdapterInput): Promise<void> {
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  let running: (() => void) | null = null;
  // Ctrl+C stops the reply being written; at the prompt it ends the chat.
  const onSigint = (): void => (running ? running() : lines.close());
  process.on('SIGINT', onSigint);
  ctx.note('Type a message and press Enter. /regen regenerates the last reply, /continue continues it, /quit ends.');
  try {
    lines.setPrompt('> ');
    lines.prompt();
    for await (const line of lines) {
      const text = line.trim();
      if (text === '/quit') break;
      if (text !== '') {
        const emit = (p: ChatPacket): void => void (p.type === 'token' && ctx.write(p.text));
        const input = { characterId, chatId, ...adapter };
        const handle = text === '/regen' ? api.chat.regenerate(input, emit)
          : text === '/continue' ? api.chat.continue(input, emit)
            : api.chat.send({ ...input, text }, emit);
        running = handle.cancel;
        try {
          await handle.result;
          ctx.write('\n');
        } catch (error) {
          ctx.note(`studio: ${(error as Error).message}`);
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
    const { api } = studio;
    const character = await studio.services.characters.resolve(ref);
    const modelFile = textOption(ctx, 'model');
    if (modelFile) await api.runtime.loadModel({ file: modelFile });
    const adapterFile = textOption(ctx, 'adapter');
    const scale = numberOption(ctx, 'scale');
    const adapter: AdapterInput = adapterFile === undefined ? {} : { adapterFile, ...(scale !== undefined ? { adapterScale: scale } : {}) };
    const patch = samplerPatch(ctx);
    const given = textOption(ctx, 'chat');
    const chatId = given ?? (await api.chat.create({ characterId: character.id, ...(patch ? { settings: patch } : {}) })).id;
    if (given !== undefined && patch) await api.chat.setSettings({ characterId: character.id, chatId, patch });
    const message = textOption(ctx, 'message');
    if (message === undefined) return interactive(ctx, api, character.id, chatId, adapter);
    const stream = !ctx.json;
    let result: ChatReplyResult;
    try {
      result = await api.chat.send({ characterId: character.id, chatId, text: message, ...adapter }, (p) => void (stream && p.type === 'token' && ctx.write(p.text))).result;
    } catch (error) {
      // A chat this command opened for a turn that was refused (an empty message, a wrong adapter file)
      // is not left behind.
      const opened = given === undefined ? await api.chat.get({ characterId: character.id, chatId }).catch(() => null) : null;
      if (opened && opened.messages.every((m) => m.role !== 'user')) await api.chat.remove({ characterId: character.id, chatId }).catch(() => undefined);
      throw error;
    }
    const out = summary(result, character.id, (await api.runtime.status({})).model?.name ?? '');
    const t = out.tokens;
    ctx.result(out, `\n[${out.stopReason}] ${t.prompt} prompt tokens (${t.evaluated} read, ${t.reused} reused), ${t.generated} generated; first token ${out.timings.timeToFirstTokenMs} ms, ${out.timings.decodeTokensPerSecond} tokens/s (chat ${out.chatId})`);
  },
};
