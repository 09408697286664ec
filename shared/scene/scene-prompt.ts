import type { Character } from '../character/character-schema';
import { botNameOf, briefProfile, sessionMetaFor } from '../character/render-profile';
import type { Persona, SceneInfo } from '../chat/chat-records';
import { activeText, isSceneLine, type ChatMessage } from '../chat/chat-state';
import { speakerTag, type DialogueTurn, type SessionMeta } from '../prompt/characterglm-format';

// A scene's prompt from the side of the character about to speak: its own profile as bot_info, everyone
// else named in the header with a short profile, and every line tagged with who said it. The other
// characters' lines are 'user' turns with their names, so the same dialogue trains only the speaker.

/** A scene's cast, in the scene's order (the host first), and who speaks now. */
export interface SceneView {
  scene: SceneInfo;
  cast: readonly Character[];
  speakerId: string;
  persona: Persona | null;
}

/** The user of a scene: one name and profile for every speaker, the host's (or the scene's persona). */
export function sceneUser(host: Character, persona: Persona | null): { name: string; info: string } {
  const meta = sessionMetaFor(host, persona ?? undefined);
  return { name: meta.userName, info: meta.userInfo };
}

function speakerOf(view: SceneView): Character {
  const speaker = view.cast.find((c) => c.id === view.speakerId);
  if (!speaker) throw new Error(`"${view.speakerId}" is not in this scene`);
  return speaker;
}

/** The session meta of the speaker's prompt: its profile, the scene, and everyone else in the scene. */
export function sceneMeta(view: SceneView): SessionMeta {
  const speaker = speakerOf(view);
  const user = sceneUser(view.cast[0]!, view.persona);
  const others = view.cast.filter((c) => c.id !== speaker.id).map((c) => ({ name: botNameOf(c), info: briefProfile(c) }));
  if (view.scene.withUser) others.push(user);
  const own = sessionMetaFor(speaker);
  return { botName: own.botName, botInfo: own.botInfo, userName: user.name, userInfo: user.info, scene: { description: view.scene.description, others } };
}

/**
 * The dialogue as the speaker sees it: its own lines as the character's, everyone else's named. A line of
 * someone not in the scene (a damaged file; the chat lists it as a problem) is an empty turn: no prompt
 * line, and the turns still match the messages one to one.
 */
export function sceneTurns(view: SceneView, messages: readonly ChatMessage[]): DialogueTurn[] {
  const names = new Map(view.cast.map((c) => [c.id, botNameOf(c)]));
  return messages.map((m) => {
    const text = activeText(m);
    if (!isSceneLine(m, view.scene)) return { speaker: 'user', text: '' };
    if (m.role === 'user') return { speaker: 'user', text };
    const who = m.speaker ?? view.cast[0]!.id;
    return who === view.speakerId ? { speaker: 'character', text } : { speaker: 'user', name: names.get(who)!, text };
  });
}

/**
 * Why a cast cannot share a scene, or null: two characters (or a character and the user) that go by one
 * name would share one tag, so no prompt could tell their lines apart.
 */
export function castNameClash(cast: readonly Character[], user: string | null): string | null {
  const seen = new Set<string>();
  for (const name of [...cast.map(botNameOf), ...(user === null ? [] : [user])]) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

/**
 * Stops for a scene's replies: a new line already ends every reply (the format's own stop), and every
 * participant's tag ends one that starts someone else's line without it.
 */
export function sceneStops(meta: SessionMeta): string[] {
  const names = [meta.botName, ...(meta.scene?.others ?? []).map((o) => o.name)];
  return names.map((name) => speakerTag(meta, 'user', name));
}
