import { activeText, type ChatMessage } from '../chat/chat-state';

// Who speaks next in a scene. The writer's choice wins; then a character the user calls with @name; then
// a character named in the last line (someone spoken to answers); then the next in turn after the last
// character who spoke. Pure, so the composer can show whose turn it is before anything is sent.

/** One participant as speaker choice sees it: its id and the names it answers to. */
export interface Participant {
  id: string;
  name: string;
}

/** The last lines of a scene, oldest first: who said them (a character id, or null for the user) and what. */
export interface SceneLine {
  speaker: string | null;
  text: string;
}

/** A scene's messages as speaker choice reads them; a character line without a speaker is the host's. */
export function sceneLines(hostId: string, messages: readonly ChatMessage[]): SceneLine[] {
  return messages.map((m) => ({ speaker: m.role === 'user' ? null : (m.speaker ?? hostId), text: activeText(m) }));
}

/** The next speaker and why it was picked. */
export interface SpeakerChoice {
  speaker: string;
  reason: 'chosen' | 'mentioned' | 'named' | 'next-in-turn';
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** The participant a `@name` in `text` calls (the longest name that matches, so "@Ann Lee" beats "@Ann"), or null. */
export function mentionedSpeaker(participants: readonly Participant[], text: string): string | null {
  const folded = fold(text);
  let best: Participant | null = null;
  for (const p of participants) {
    for (const name of [p.name, p.id]) {
      if (name.trim() === '' || !folded.includes(`@${fold(name)}`)) continue;
      if (!best || name.length > best.name.length) best = { id: p.id, name };
    }
  }
  return best?.id ?? null;
}

/** The participant other than `exclude` whose name comes first in `text`, or null. */
function namedSpeaker(participants: readonly Participant[], text: string, exclude: string | null): string | null {
  const folded = fold(text);
  let first: { id: string; at: number } | null = null;
  for (const p of participants) {
    if (p.id === exclude || p.name.trim() === '') continue;
    const at = folded.indexOf(fold(p.name));
    if (at !== -1 && (!first || at < first.at)) first = { id: p.id, at };
  }
  return first?.id ?? null;
}

/** The participant after the last character who spoke (the first when none has). */
export function nextInTurn(participants: readonly Participant[], lines: readonly SceneLine[]): string {
  const last = [...lines].reverse().find((l) => l.speaker !== null)?.speaker ?? null;
  const index = participants.findIndex((p) => p.id === last);
  return participants[(index + 1) % participants.length]!.id;
}

/** Picks the next speaker of a scene with `participants` (in scene order) after `lines`. */
export function nextSpeaker(participants: readonly Participant[], lines: readonly SceneLine[], chosen?: string | null): SpeakerChoice {
  if (participants.length === 0) throw new Error('a scene has no characters');
  if (chosen) {
    if (!participants.some((p) => p.id === chosen)) throw new Error(`"${chosen}" is not in this scene`);
    return { speaker: chosen, reason: 'chosen' };
  }
  const last = lines.at(-1);
  if (last && last.speaker === null) {
    const called = mentionedSpeaker(participants, last.text);
    if (called) return { speaker: called, reason: 'mentioned' };
  }
  if (last) {
    const named = namedSpeaker(participants, last.text, last.speaker);
    if (named) return { speaker: named, reason: 'named' };
  }
  return { speaker: nextInTurn(participants, lines), reason: 'next-in-turn' };
}
