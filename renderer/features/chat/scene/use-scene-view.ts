import type { ChatMessage, ChatState } from '../../../../shared/chat/chat-state';
import type { Participant, SceneLine } from '../../../../shared/scene/next-speaker';
import { castNames, sceneLines, sceneParticipants } from './scene-cast';
import { useSceneCast } from './use-scene-cast';

/** What the chat pane needs to show a scene: its characters, their names by id, and its lines. */
export interface SceneView {
  participants: Participant[];
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
  return { participants, names: castNames(participants), lines: sceneLines(chat, messages), withUser: scene.withUser };
}
