import type { PromptMemory } from '../prompt/characterglm-format';
import type { ChatMessage, ChatState } from './chat-state';
import { greetingTurns } from './chat-turns';

// A chat as training sees it when it has memory: each stretch of the chat between two summaries, with the
// greeting, the facts and the summary that chat showed while those turns were written. The turns a summary
// stands for had left the prompt by then, so an adapter learns with exactly what chat shows it.

/** One stretch of a chat and the memory its prompts carried. */
export interface MemorySegment {
  messages: ChatMessage[];
  memory: PromptMemory;
}

/**
 * The chat cut at every summary boundary (the last message a summary covers), oldest first. A summary
 * edited by the writer replaces the model's at the same boundary; one that covers none (carried from
 * another chat) holds from the start. A chat without summaries is one segment.
 */
export function memorySegments(chat: Pick<ChatState, 'messages' | 'memory'>, characterFacts: readonly string[]): MemorySegment[] {
  const facts = [...characterFacts, ...chat.memory.facts.map((f) => f.text)];
  const ids = chat.messages.map((m) => m.id);
  const versions = [...chat.memory.history].reverse().concat(chat.memory.summary ? [chat.memory.summary] : []);
  const textAt = new Map<number, string>([[0, '']]);
  for (const version of versions) {
    const end = version.through === null ? 0 : ids.indexOf(version.through) + 1;
    // A summary of messages since deleted has no place in the chat any more.
    if (version.through !== null && end === 0) continue;
    textAt.set(end, version.text);
  }
  const greeting = greetingTurns(chat.messages);
  const ends = [...textAt.keys()].sort((a, b) => a - b);
  return ends.map((end, i) => ({
    messages: [...chat.messages.slice(0, greeting), ...chat.messages.slice(Math.max(end, greeting), ends[i + 1] ?? chat.messages.length)],
    memory: { facts, summary: textAt.get(end) ?? '' },
  }));
}
