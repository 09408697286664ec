import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_CHARACTERS } from '../shared/character/examples';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../shared/prompt/sampling-defaults';
import { CharacterLibrary } from '../electron/services/characters/character-library';
import { ChatService } from '../electron/services/chat/chat-service';
import { ChatEngine } from '../electron/services/runtime/chat-engine';
import type { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { never, USER_LINES } from './studio-requests';

// A long chat with memory on, through the chat service as the studio runs it: 40 turns on a window small
// enough that turns leave it several times, a pinned fact, the rolling summary written in the background.
// Between the turns the bench waits for the summary, as a writer's typing would; the point is what each
// turn's reply costs. A turn is "between evictions" when neither the window's start nor the memory changed
// since the turn before: those must read only their new line (ratio to turn 1, which reads the profile).

/** What the memory scenario measured. */
export interface MemoryMeasurements {
  contextSize: number;
  turns: number;
  summariesWritten: number;
  summaryFailure: string | null;
  /** Per turn: time to first token, prompt tokens read, turns out of the window, and whether memory or window changed. */
  everyTurn: { ttftMs: number; evaluated: number; reused: number; dropped: number; shifted: boolean }[];
  timeToFirstTokenMs: { turn1: number; betweenEvictionsMedian: number; betweenEvictionsWorst: number; atEvictionsMedian: number };
  memoryTokens: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Runs the 40-turn memory chat on the loaded model with a window of `contextSize` tokens. */
export async function measureMemoryChat(runtime: LlamaRuntime, contextSize: number, log: (line: string) => void, turns = 40): Promise<MemoryMeasurements> {
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-memory-'));
  const engine = new ChatEngine(runtime, { contextSize });
  try {
    const characters = new CharacterLibrary(join(dir, 'characters'), join(dir, 'trash'));
    const character = await characters.create(EXAMPLE_CHARACTERS[0]!.fields);
    const chat = new ChatService({
      charactersDir: join(dir, 'characters'), characters, engine,
      ensureModel: async () => ({ kind: 'local' as const, info: runtime.currentModel()!.info }),
    });
    const created = await chat.create(character.id, 'memory bench');
    // The model's own reply settings, end-of-sequence banned so every reply runs its full length.
    await chat.setSettings(character.id, created.id, { sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 16, seed: 1, banEos: true } });
    await chat.setMemorySettings(character.id, created.id, { summary: true, summaryTokens: 96 });
    await chat.setFacts(character.id, created.id, [{ id: 'f1', text: '客人叫小林，下周三要去杭州' }]);
    const ref = { characterId: character.id, chatId: created.id };
    const everyTurn: MemoryMeasurements['everyTurn'] = [];
    let summaryAt: string | null = null;
    let summaryChanged = false;
    let dropped = 0;
    let written = 0;
    for (let i = 0; i < turns; i++) {
      const text = `${USER_LINES[i % USER_LINES.length]!}${i >= USER_LINES.length ? '再说说吧。' : ''}`;
      const { reply } = await chat.send({ ...ref, text }, () => undefined, never);
      const s = reply.stats;
      // The prompt changed before its end: the window moved on, or a new summary came in since the last turn.
      const shifted = i > 0 && (s.droppedTurns !== dropped || summaryChanged);
      everyTurn.push({ ttftMs: round(s.timeToFirstTokenMs), evaluated: s.evaluatedTokens, reused: s.reusedTokens, dropped: s.droppedTurns, shifted });
      dropped = s.droppedTurns;
      await chat.memoryIdle(ref.characterId, ref.chatId);
      const memory = (await chat.get(ref.characterId, ref.chatId)).memory;
      summaryChanged = Boolean(memory.summary && memory.summary.at !== summaryAt);
      if (summaryChanged) {
        summaryAt = memory.summary!.at;
        written++;
      }
      log(`memory chat turn ${i + 1}/${turns}: ttft ${round(s.timeToFirstTokenMs)} ms, read ${s.evaluatedTokens}, reused ${s.reusedTokens}, dropped ${s.droppedTurns}, summaries ${written}`);
    }
    const between = everyTurn.slice(1).filter((t) => !t.shifted).map((t) => t.ttftMs);
    const at = everyTurn.filter((t) => t.shifted).map((t) => t.ttftMs);
    const prompt = await chat.prompt(ref.characterId, ref.chatId);
    return {
      contextSize,
      turns,
      summariesWritten: written,
      summaryFailure: (await chat.memoryStatus(ref.characterId, ref.chatId)).failure,
      everyTurn,
      timeToFirstTokenMs: {
        turn1: everyTurn[0]!.ttftMs,
        betweenEvictionsMedian: median(between),
        betweenEvictionsWorst: Math.max(...between),
        atEvictionsMedian: median(at),
      },
      memoryTokens: prompt.memoryTokens,
    };
  } finally {
    await engine.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
