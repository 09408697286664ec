import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_CHARACTERS } from '../shared/character/examples';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../shared/prompt/sampling-defaults';
import { CharacterLibrary } from '../electron/services/characters/character-library';
import { ChatService } from '../electron/services/chat/chat-service';
import { ChatEngine } from '../electron/services/runtime/chat-engine';
import type { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { never } from './studio-requests';
import { chatPaths } from '../electron/services/chat/chat-paths';
import { sceneSession } from '../electron/services/runtime/session-key';

// A scene of the three example characters and the user, through the chat service as the studio runs it:
// the characters take 20 turns in turn (Let them talk). Each speaker's prompt has its own header, so a
// turn that re-read the scene would cost its whole prompt; with a KV sequence per speaker it reads only
// the lines said since that speaker last spoke. Turn 1 reads the first speaker's whole header.

/** What the scene scenario measured. */
export interface SceneMeasurements {
  contextSize: number;
  characters: number;
  turns: number;
  /** Per turn: who spoke, time to first token, prompt tokens, tokens read and reused. */
  everyTurn: { speaker: string; ttftMs: number; promptTokens: number; evaluated: number; reused: number }[];
  timeToFirstTokenMs: { turn1: number; turn20: number; afterFirstRoundMedian: number };
  /** Turn 20 again with its speaker's KV cache gone (memory and file): what every turn would cost re-reading the scene. */
  rereadLastTurn: { ttftMs: number; evaluated: number };
}

const round = (n: number): number => Math.round(n * 10) / 10;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

/** Runs the three-character, `turns`-turn scene on the loaded model with a window of `contextSize` tokens. */
export async function measureScene(runtime: LlamaRuntime, contextSize: number, log: (line: string) => void, turns = 20): Promise<SceneMeasurements> {
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-scene-'));
  const engine = new ChatEngine(runtime, { contextSize });
  try {
    const characters = new CharacterLibrary(join(dir, 'characters'), join(dir, 'trash'));
    const cast = [];
    for (const example of EXAMPLE_CHARACTERS.slice(0, 3)) cast.push(await characters.create(example.fields));
    const chat = new ChatService({
      charactersDir: join(dir, 'characters'), characters, engine,
      ensureModel: async () => ({ kind: 'local' as const, info: runtime.currentModel()!.info }),
    });
    const scene = await chat.createScene({
      participants: cast.map((c) => c.id), withUser: true, description: '雨夜，三位客人在老茶馆里躲雨', opening: cast[0]!.greeting,
    });
    // The model's own reply settings, end-of-sequence banned so every reply runs its full length.
    await chat.setSettings(cast[0]!.id, scene.id, { sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 16, seed: 1, banEos: true } });
    const everyTurn: SceneMeasurements['everyTurn'] = [];
    for (let i = 0; i < turns; i++) {
      // Next in turn: a character named in a random model line would otherwise decide, and the cast must rotate.
      const speaker = cast[(i + 1) % cast.length]!.id;
      const { reply } = await chat.next({ characterId: cast[0]!.id, chatId: scene.id, speaker }, () => undefined, never);
      const s = reply.stats;
      everyTurn.push({ speaker, ttftMs: round(s.timeToFirstTokenMs), promptTokens: s.promptTokens, evaluated: s.evaluatedTokens, reused: s.reusedTokens });
      log(`scene turn ${i + 1}/${turns} (${speaker}): ttft ${round(s.timeToFirstTokenMs)} ms, prompt ${s.promptTokens}, read ${s.evaluatedTokens}, reused ${s.reusedTokens}`);
    }
    // The last turn once more, its speaker's cache dropped from memory and disk, so it reads its whole prompt.
    const lastSpeaker = everyTurn.at(-1)!.speaker;
    await engine.forget(sceneSession(cast[0]!.id, scene.id, lastSpeaker));
    const kv = chatPaths(join(dir, 'characters'), cast[0]!.id).kv(scene.id, cast.findIndex((c) => c.id === lastSpeaker));
    await Promise.all([rm(kv, { force: true }), rm(`${kv}.json`, { force: true })]);
    const reread = (await chat.reply({ characterId: cast[0]!.id, chatId: scene.id }, 'regenerate', () => undefined, never)).reply.stats;
    log(`scene turn ${turns} re-read without its cache: ttft ${round(reread.timeToFirstTokenMs)} ms, read ${reread.evaluatedTokens}`);
    return {
      contextSize,
      characters: cast.length,
      turns,
      everyTurn,
      timeToFirstTokenMs: {
        turn1: everyTurn[0]!.ttftMs,
        turn20: everyTurn[Math.min(19, turns - 1)]!.ttftMs,
        afterFirstRoundMedian: median(everyTurn.slice(cast.length).map((t) => t.ttftMs)),
      },
      rereadLastTurn: { ttftMs: round(reread.timeToFirstTokenMs), evaluated: reread.evaluatedTokens },
    };
  } finally {
    await engine.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
