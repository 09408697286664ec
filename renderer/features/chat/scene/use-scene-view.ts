import type { ChatMessage, ChatState } from '../../../../shared/chat/chat-state';
import type { Participant, SceneLine } from '../../../../shared/scene/next-speaker';
import { sceneLines } from '../../../../shared/scene/next-speaker';
import { castNames, sceneParticipants } from './scene-cast';
import { useSceneCast } from './use-scene-cast';

/** A character's avatar file and the revision that last changed it (so a new image under the same name shows). */
export interface Portrait {
  avatar: string;
  revision: number;
}

/** What the chat pane needs to show a scene: its characters, their names and avatars by id, and its lines. */
export interface SceneView {
  participants: Participant[];
  portraits: Map<string, Portrait>;
  names: Map<string, string>;
  lines: SceneLine[];
  withUser: boolean;
}

const NO_CAST: readonly string[] = [];

/** The open chat as a scene (null for a chat with one character); `messages` are the shown ones, streaming included. */
export function useSceneView(chat: ChatState | null, messages: readonly ChatMessage[]): SceneView | null {
  const scene = chat?.scene ?? null;
  const cast = useSceneCast(scene?.participants ?? NO_CAST);
  if (!chat || !scene) return null;
  const participants = sceneParticipants(scene.participants, cast);
  const portraits = new Map(cast.flatMap((c) => (c.avatar ? [[c.id, { avatar: c.avatar, revision: c.revision }] as const] : [])));
  return { participants, portraits, names: castNames(participants), lines: sceneLines(chat.characterId, messages), withUser: scene.withUser };
}
