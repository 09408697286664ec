import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';
import { formatIssues } from '../validation/format-issues';
import { speakerForRole } from './role-names';
import { sceneFrameSchema } from '../chat/correction';
import { sampleProblem, type DatasetIssue, type ParsedDataset, type TrainingSample } from './training-sample';

// JSONL chat datasets, one dialogue per line: OpenAI's {"messages":[{role, content}]}, ShareGPT's
// {"conversations":[{from, value}]}, and the studio's own export (messages plus the CharacterGLM session
// meta under "characterglm"). Lines written by the chat keep their meta, so the trainer renders exactly
// the prompt chat used; other system prompts are ignored in favour of the character's own profile.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  // OpenAI's content parts: keep the text parts
  if (Array.isArray(content)) {
    const parts = content.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : null));
    return parts.every((p) => p !== null) ? parts.join('') : null;
  }
  return null;
}

/** The CharacterGLM session meta of a line, and what is wrong with its scene (null when it has none or a good one). */
function sessionMeta(value: unknown): { meta: Partial<SessionMeta>; sceneIssue: string | null } | undefined {
  if (!isObject(value)) return undefined;
  const pick = (key: string): string | undefined => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
  const meta: Partial<SessionMeta> = {};
  const bot = pick('bot_name');
  const user = pick('user_name');
  const botInfo = pick('bot_info');
  const userInfo = pick('user_info');
  if (bot !== undefined) meta.botName = bot;
  if (user !== undefined) meta.userName = user;
  if (botInfo !== undefined) meta.botInfo = botInfo;
  if (userInfo !== undefined || value.user_info === null) meta.userInfo = userInfo ?? '';
  let sceneIssue: string | null = null;
  if (value.scene !== undefined) {
    // a scene the studio cannot render would train as a two-party chat: an issue on its line instead
    const scene = sceneFrameSchema.safeParse(value.scene);
    if (scene.success) meta.scene = scene.data;
    else sceneIssue = `characterglm.scene is not a scene the studio writes (${formatIssues(scene.error)})`;
  }
  return Object.keys(meta).length > 0 || sceneIssue !== null ? { meta, sceneIssue } : undefined;
}

/** Parses one dialogue object (already JSON-decoded) that starts at `line`; an issue names what is wrong with it. */
export function dialogueFromObject(value: unknown, line: number): { sample: TrainingSample | null; issue: string | null; ignoredSystem: boolean } {
  if (!isObject(value)) return { sample: null, issue: 'expected a JSON object', ignoredSystem: false };
  const list = Array.isArray(value.messages) ? value.messages : Array.isArray(value.conversations) ? value.conversations : null;
  if (!list) return { sample: null, issue: 'expected a "messages" (or ShareGPT "conversations") list', ignoredSystem: false };
  const found = sessionMeta(value.characterglm) ?? sessionMeta(value.session_meta) ?? sessionMeta(value.meta);
  if (found?.sceneIssue) return { sample: null, issue: found.sceneIssue, ignoredSystem: false };
  const meta = found?.meta;
  const turns: DialogueTurn[] = [];
  let ignoredSystem = false;
  for (const [i, item] of list.entries()) {
    if (!isObject(item)) return { sample: null, issue: `message ${i + 1} is not an object`, ignoredSystem };
    const role = typeof item.role === 'string' ? item.role : typeof item.from === 'string' ? item.from : null;
    const text = contentText(item.content ?? item.value);
    if (role === null) return { sample: null, issue: `message ${i + 1} has no "role"`, ignoredSystem };
    if (text === null) return { sample: null, issue: `message ${i + 1} has no text "content"`, ignoredSystem };
    const speaker = speakerForRole(role);
    if (speaker === null) return { sample: null, issue: `message ${i + 1} has the unknown role "${role}" (use user, assistant or system)`, ignoredSystem };
    if (speaker === 'system') {
      // the studio's own lines repeat the profile here; it is already in their characterglm meta
      if (!meta && text.trim() !== '') ignoredSystem = true;
      continue;
    }
    // In a scene (the studio's own export) a named user message is another character: it keeps its tag.
    // Elsewhere a user name is left alone, as before: the header names one user.
    const name = meta?.scene && speaker === 'user' && typeof item.name === 'string' && item.name.trim() !== '' ? item.name : undefined;
    turns.push({ speaker, text, ...(name !== undefined ? { name } : {}) });
  }
  const sample: TrainingSample = { turns, line, ...(meta ? { meta } : {}) };
  return { sample, issue: sampleProblem(sample), ignoredSystem };
}

/** Parses a JSONL file of chat dialogues. */
export function parseMessagesJsonl(text: string): ParsedDataset {
  const samples: TrainingSample[] = [];
  const issues: DatasetIssue[] = [];
  let ignoredSystem = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      issues.push({ line, message: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    const parsed = dialogueFromObject(value, line);
    if (parsed.ignoredSystem) ignoredSystem++;
    if (parsed.issue) issues.push({ line, message: parsed.issue });
    else if (parsed.sample) samples.push(parsed.sample);
  }
  const notes = ignoredSystem > 0
    ? [`${ignoredSystem} system prompt(s) ignored: training renders the character's own profile, as chat does`]
    : [];
  return { format: 'messages', samples, issues, notes };
}
