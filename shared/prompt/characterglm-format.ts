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
// Scenes (several characters, with or without the user) render the same format from the speaker's side:
//
//   以下是一段{speaker}、{other}和{user}之间的对话。
//   场景：{description}                      (only if non-empty)
//   关于{speaker}的信息：{speaker's profile}
//   关于{other}的信息：{a short profile}     (one per other participant with one)
//   [{other}]{message}
//   [{speaker}]                              (generation starts here)
//
// Every other participant's line is a 'user' turn carrying its name, so training learns only the
// speaker's lines. A two-party prompt is byte for byte what it was, so the version stays.
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
  /** The line's tag when it is not the meta's name for `speaker`: another character of a scene (spoken as 'user'). */
  name?: string;
}

/** A scene seen from its speaker: what is going on, and everyone else in it (other characters, the user). */
export interface SceneFrame {
  description: string;
  others: ReadonlyArray<{ name: string; info: string }>;
}

/** The four meta fields of a CharacterGLM session (the official demo's `session_meta`). */
export interface SessionMeta {
  botName: string;
  userName: string;
  botInfo: string;
  userInfo: string;
  /** Set for a scene with several characters: the header names everyone (see renderSceneHeader). */
  scene?: SceneFrame;
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

/** Opens a scene's description line. */
export const SCENE_LABEL = '场景：';

/** Names in a sentence the way Chinese lists them: A和B, A、B和C. */
function nameList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join('、')}和${names.at(-1)}`;
}

/**
 * A scene's header from its speaker's side: the framing sentence naming the speaker first and then everyone
 * else in scene order, the scene, the speaker's profile, then one profile line per other participant. It is
 * the two-party header grown to several people in the format's own words (`关于…的信息：` lines), so the
 * model meets nothing it was not trained on; the speaker's own profile comes first among the profiles, as
 * in every chat, and the replying tag at the end is the speaker's.
 */
function renderSceneHeader(meta: SessionMeta, scene: SceneFrame): string[] {
  const bot = flattenText(meta.botName);
  const others = scene.others.map((o) => ({ name: flattenText(o.name), info: flattenText(o.info) }));
  const lines = [`以下是一段${nameList([bot, ...others.map((o) => o.name)])}之间的对话。`];
  if (scene.description.trim() !== '') lines.push(`${SCENE_LABEL}${flattenText(scene.description)}`);
  if (meta.botInfo.trim() !== '') lines.push(`关于${bot}的信息：${flattenText(meta.botInfo)}`);
  for (const other of others) if (other.info.trim() !== '') lines.push(`关于${other.name}的信息：${other.info}`);
  return lines;
}

/** The header lines: the framing sentence and the two profiles (each only when non-empty); a scene's own header when `meta.scene` is set. */
export function renderHeader(meta: SessionMeta): string[] {
  if (meta.scene) return renderSceneHeader(meta, meta.scene);
  const bot = flattenText(meta.botName);
  const user = flattenText(meta.userName);
  const lines = [`以下是一段${bot}和${user}之间的对话。`];
  if (meta.botInfo.trim() !== '') lines.push(`关于${bot}的信息：${flattenText(meta.botInfo)}`);
  if (meta.userInfo.trim() !== '') lines.push(`关于${user}的信息：${flattenText(meta.userInfo)}`);
  return lines;
}

/** The speaker tag that opens a line, e.g. `[小明]`; `name` is a turn's own speaker name (another character of a scene). */
export function speakerTag(meta: SessionMeta, speaker: Speaker, name?: string): string {
  return `[${flattenText(name ?? (speaker === 'user' ? meta.userName : meta.botName))}]`;
}

/** One dialogue line, or null for an empty message. */
export function renderTurn(meta: SessionMeta, turn: DialogueTurn): string | null {
  if (turn.text.trim() === '') return null;
  return `${speakerTag(meta, turn.speaker, turn.name)}${flattenText(turn.text)}`;
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
