import { flattenText, type DialogueTurn, type SessionMeta } from '../prompt/characterglm-format';
import type { ChatSampler } from '../runtime/sampler-schema';

// How the loaded model is asked for the rolling summary. CharacterGLM only knows its dialogue format, so
// the request is a dialogue too: a recorder whose profile says what a good summary keeps, asked by the user
// to summarise the turns leaving the context (with the summary so far), answering in the character's language.

const TEXTS = {
  zh: {
    recorder: '记录员',
    asker: '用户',
    profile: (limit: number) => `记录员用简洁的中文概括对话，只写对话里真的发生过的事：人名、约定、地点、情绪和未完成的事，不编造，不评论，不超过${limit}字。`,
    ask: (bot: string, user: string, previous: string, lines: string) =>
      `请概括${bot}和${user}的这段对话。${previous === '' ? '' : `之前的概要：${previous} `}对话：${lines}`,
  },
  en: {
    recorder: 'Recorder',
    asker: 'User',
    profile: (limit: number) => `The Recorder summarises conversations briefly and only writes what really happened in them: names, promises, places, feelings and unfinished business; nothing invented, no comments, at most ${limit} words.`,
    ask: (bot: string, user: string, previous: string, lines: string) =>
      `Please summarise this conversation between ${bot} and ${user}. ${previous === '' ? '' : `The summary so far: ${previous} `}Conversation: ${lines}`,
  },
} as const;

/** The one-turn dialogue that asks for a summary of `turns`, continuing `previous`. */
export function summaryDialogue(
  language: 'zh' | 'en', names: Pick<SessionMeta, 'botName' | 'userName'>, previous: string, turns: readonly DialogueTurn[],
  limitTokens: number,
): { meta: SessionMeta; turns: DialogueTurn[] } {
  const texts = TEXTS[language];
  const lines = turns
    .filter((t) => t.text.trim() !== '')
    .map((t) => `${t.speaker === 'user' ? names.userName : names.botName}：${flattenText(t.text).trim()}`)
    .join(' ');
  return {
    meta: { botName: texts.recorder, userName: texts.asker, botInfo: texts.profile(limitTokens), userInfo: '' },
    turns: [{ speaker: 'user', text: texts.ask(names.botName, names.userName, flattenText(previous).trim(), lines) }],
  };
}

/** Calmer sampling than chat for a summary (fewer inventions); the chat's seed keeps it reproducible. */
export function summarySampler(chat: ChatSampler, limitTokens: number): ChatSampler {
  return { temperature: 0.5, topP: 0.9, topK: 0, minP: 0, repeatPenalty: 1.2, maxTokens: limitTokens, seed: chat.seed };
}
