import type { Character } from '../../../../shared/character/character-schema';
import type { ChatMessage, ChatSummary } from '../../../../shared/chat/chat-state';
import { nextSpeaker, type Participant, type SceneLine, type SpeakerChoice } from '../../../../shared/scene/next-speaker';
import { botNameOf } from '../../../../shared/character/render-profile';

// Who is who in a scene, as the scene view shows it: each character's name as the prompts call it, the
// speaker of each message, and whose turn it is, worked out the way the studio will choose.

/** A scene's characters in scene order, as speaker choice sees them; a character that could not be loaded goes by its id. */
export function sceneParticipants(ids: readonly string[], cast: readonly Character[]): Participant[] {
  return ids.map((id) => {
    const character = cast.find((c) => c.id === id);
    return { id, name: character ? botNameOf(character) : id };
  });
}

/** Each character's name by id. */
export function castNames(participants: readonly Participant[]): Map<string, string> {
  return new Map(participants.map((p) => [p.id, p.name]));
}

/** Who said a message: a scene character's name (its speaker, else the chat's own character), or the user's. */
export function speakerName(message: ChatMessage, names: { bot: string; user: string; cast?: ReadonlyMap<string, string> }): string {
  if (message.role === 'user') return names.user;
  return message.speaker ? names.cast?.get(message.speaker) ?? message.speaker : names.bot;
}

/** Who speaks if the scene goes on without the user: the choice the studio makes for `next`. */
export function whoseTurn(participants: readonly Participant[], lines: readonly SceneLine[]): SpeakerChoice | null {
  return participants.length === 0 ? null : nextSpeaker(participants, lines);
}

/** The chat list's mark for a scene: its characters' names, by the library's names where known. */
export function sceneBadgeNames(summary: ChatSummary, libraryNames: ReadonlyMap<string, string>): string[] {
  return (summary.scene?.participants ?? []).map((id) => libraryNames.get(id) ?? id);
}

/** The character whose chats hold `chatId` (a scene's host), else `fallback` (the character whose list it is). */
export function chatHost(chats: readonly ChatSummary[], chatId: string, fallback: string): string {
  return chats.find((c) => c.id === chatId)?.scene?.host ?? fallback;
}
