import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';
import { sampleProblem, type DatasetIssue, type ParsedDataset, type TrainingSample } from './training-sample';

// Plain transcripts: one line per utterance, `名字：台词` or `Name: line` (CharacterGLM's own `[名字]台词`
// too), a blank line between dialogues, and lines without a speaker continuing the previous utterance.
// The character is the speaker whose name matches the character's name or nickname; the other speaker's
// name becomes the user name of that dialogue. A pasted CharacterGLM prompt also works: its framing line
// is skipped and its `关于X的信息：…` lines become the profiles.

const BRACKET_LINE = /^\s*\[([^\]\n]{1,60})\]\s?(.*)$/;
const COLON_LINE = /^\s*([^:：\n]{1,40}?)\s*[:：]\s?(.*)$/;
const PROFILE_LINE = /^\s*关于(.{1,60}?)的信息：(.*)$/;
const FRAMING_LINE = /^\s*以下是一段.{1,130}之间的对话。\s*$/;

interface Utterance {
  name: string;
  text: string;
  line: number;
}

interface Block {
  line: number;
  utterances: Utterance[];
  profiles: Map<string, string>;
}

const norm = (name: string): string => name.trim().toLowerCase();

function splitBlocks(text: string, issues: DatasetIssue[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === '') {
      current = null;
      continue;
    }
    if (!current) {
      current = { line, utterances: [], profiles: new Map() };
      blocks.push(current);
    }
    if (FRAMING_LINE.test(raw)) continue;
    const profile = PROFILE_LINE.exec(raw);
    if (profile) {
      current.profiles.set(norm(profile[1]!), profile[2]!.trim());
      continue;
    }
    const match = BRACKET_LINE.exec(raw) ?? COLON_LINE.exec(raw);
    if (match) {
      current.utterances.push({ name: match[1]!.trim(), text: match[2]!.trim(), line });
      continue;
    }
    const previous = current.utterances.at(-1);
    if (previous) previous.text = previous.text ? `${previous.text}\n${raw.trim()}` : raw.trim();
    else issues.push({ line, message: 'expected "Name: line" (or "名字：台词") to start a dialogue' });
  }
  return blocks.filter((b) => b.utterances.length > 0);
}

function blockSample(block: Block, characterNames: Set<string>, issues: DatasetIssue[]): TrainingSample | null {
  const speakers = [...new Set(block.utterances.map((u) => u.name))];
  const character = speakers.find((s) => characterNames.has(norm(s)));
  if (!character) {
    issues.push({ line: block.line, message: `no line is spoken by the character (speakers here: ${speakers.join(', ')}); write the character's name as in its profile` });
    return null;
  }
  const others = speakers.filter((s) => s !== character);
  if (others.length > 1) {
    const third = block.utterances.find((u) => u.name === others[1])!;
    issues.push({ line: third.line, message: `a third speaker "${third.name}": a CharacterGLM dialogue has the character and one user` });
    return null;
  }
  const turns: DialogueTurn[] = block.utterances.map((u) => ({ speaker: u.name === character ? 'character' : 'user', text: u.text }));
  const meta: Partial<SessionMeta> = {};
  const user = others[0];
  if (user) meta.userName = user;
  const botInfo = block.profiles.get(norm(character));
  if (botInfo !== undefined) meta.botInfo = botInfo;
  const userInfo = user ? block.profiles.get(norm(user)) : undefined;
  if (userInfo !== undefined) meta.userInfo = userInfo;
  const sample: TrainingSample = { turns, line: block.line, ...(Object.keys(meta).length > 0 ? { meta } : {}) };
  const problem = sampleProblem(sample);
  if (problem) {
    issues.push({ line: block.line, message: problem });
    return null;
  }
  return sample;
}

/** Parses a transcript; `characterNames` are the names the character goes by (name, nickname). */
export function parseTranscript(text: string, characterNames: readonly string[]): ParsedDataset {
  const issues: DatasetIssue[] = [];
  const names = new Set(characterNames.filter((n) => n.trim() !== '').map(norm));
  const samples = splitBlocks(text, issues)
    .map((block) => blockSample(block, names, issues))
    .filter((s): s is TrainingSample => s !== null);
  return { format: 'transcript', samples, issues: issues.sort((a, b) => a.line - b.line), notes: [] };
}
