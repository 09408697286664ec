// The CharacterGLM prompt format, in one versioned place. Chat, the prompt preview, token counting and
// training all render through here, so what an adapter learns is exactly what chat shows it.
//
// Source: ../shared/DESIGN.md §3 (the official demo's format). The model hub's modeling code was not
// reachable to confirm it byte for byte; golden tests pin this text, and any change bumps the version
// (saved KV states and training datasets record it).
//
//   以下是一段{bot_name}和{user_name}之间的对话。
//   关于{bot_name}的信息：{bot_info}          (only if bot_info is non-empty)
//   关于{user_name}的信息：{user_info}        (only if user_info is non-empty)
//   [{user_name}]{message}
//   [{bot_name}]{message}
//   [{bot_name}]                              (generation starts here)
//
// Lines are joined by "\n"; newlines inside any text become a space. The ChatGLM2 tokenizer puts the
// control tokens [gMASK] and sop before the text. Decisions this module makes where the source is
// silent: a message that is empty after trimming produces no line (the official web demo stores the
// greeting as a turn with an empty user message), and names are flattened like every other text.
//
// Version 2 adds memory (pinned facts, then the rolling summary) at the end of the character's profile
// line. CharacterGLM has no other slot than the two profiles and the dialogue: inside `关于…的信息：` the
// model stays in the format it was trained on, and as the header's last text a change to it re-reads only
// what follows (the dialogue), which changes at that moment anyway when the summary moves on.

export const CHARACTERGLM_FORMAT_VERSION = 2;

/** Control tokens the tokenizer places before the prompt text. */
export const CHARACTERGLM_PREFIX_TOKENS = ['[gMASK]', 'sop'] as const;

/** Who speaks a line of the dialogue. */
export type Speaker = 'user' | 'character';

export interface DialogueTurn {
  speaker: Speaker;
  text: string;
}

/** The four meta fields of a CharacterGLM session (the official demo's `session_meta`). */
export interface SessionMeta {
  botName: string;
  userName: string;
  botInfo: string;
  userInfo: string;
}

/** What a chat remembers, as the prompt shows it: facts (the character's, then the chat's) and the summary. */
export interface PromptMemory {
  facts: readonly string[];
  summary: string;
}

const MEMORY_LABELS = {
  zh: { facts: '记住：', factSeparator: '；', factEnd: '。', summary: '此前的对话：' },
  en: { facts: 'Remember: ', factSeparator: '; ', factEnd: '.', summary: 'Earlier in the conversation: ' },
} as const;

/** The memory text appended to the profile, in the character's language; '' when there is nothing to remember. */
export function renderMemory(memory: PromptMemory, language: 'zh' | 'en'): string {
  const labels = MEMORY_LABELS[language];
  const facts = memory.facts.map((f) => flattenText(f).trim().replace(/[。.;；]+$/, '')).filter((f) => f !== '');
  const parts: string[] = [];
  if (facts.length > 0) parts.push(`${labels.facts}${facts.join(labels.factSeparator)}${labels.factEnd}`);
  if (memory.summary.trim() !== '') parts.push(`${labels.summary}${flattenText(memory.summary).trim()}`);
  return parts.join(' ');
}

/** `meta` with the memory text at the end of the character's profile (the header's last, least stable text). */
export function withMemory(meta: SessionMeta, memory: PromptMemory, language: 'zh' | 'en'): SessionMeta {
  const text = renderMemory(memory, language);
  if (text === '') return meta;
  return { ...meta, botInfo: meta.botInfo.trim() === '' ? text : `${meta.botInfo} ${text}` };
}

/** Newlines (and any run of line breaks) inside a text become one space, as the official demo does. */
export function flattenText(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** The header lines: the framing sentence and the two profiles (each only when non-empty). */
export function renderHeader(meta: SessionMeta): string[] {
  const bot = flattenText(meta.botName);
  const user = flattenText(meta.userName);
  const lines = [`以下是一段${bot}和${user}之间的对话。`];
  if (meta.botInfo.trim() !== '') lines.push(`关于${bot}的信息：${flattenText(meta.botInfo)}`);
  if (meta.userInfo.trim() !== '') lines.push(`关于${user}的信息：${flattenText(meta.userInfo)}`);
  return lines;
}

/** The speaker tag that opens a line, e.g. `[小明]`. */
export function speakerTag(meta: SessionMeta, speaker: Speaker): string {
  return `[${flattenText(speaker === 'user' ? meta.userName : meta.botName)}]`;
}

/** One dialogue line, or null for an empty message. */
export function renderTurn(meta: SessionMeta, turn: DialogueTurn): string | null {
  if (turn.text.trim() === '') return null;
  return `${speakerTag(meta, turn.speaker)}${flattenText(turn.text)}`;
}

/**
 * The full prompt text (without the [gMASK] sop control tokens). With `openReply`, it ends with the
 * character's tag on a new line, where generation starts.
 */
export function renderPrompt(meta: SessionMeta, turns: readonly DialogueTurn[], openReply = true): string {
  const lines = renderHeader(meta);
  for (const turn of turns) {
    const line = renderTurn(meta, turn);
    if (line !== null) lines.push(line);
  }
  if (openReply) lines.push(speakerTag(meta, 'character'));
  return lines.join('\n');
}

/**
 * Stop sequences for samplers that take strings. Every turn is one line (newlines inside a message are
 * flattened), so the first newline ends the character's reply whatever follows it; stopping only at
 * "\n[" let a model that wrote "\n" and then anything else run on. The ChatGLM2 tokenizer's newline is
 * the byte token `<0x0A>`, which detokenises to "\n", so this string catches it (a reply that a newline
 * ends reports stop reason `speaker`: the line was over).
 */
export const CHARACTERGLM_STOP_STRINGS = ['\n'] as const;
