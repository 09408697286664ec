import type { Character } from '../../../shared/character/character-schema';
import { newCharacter } from '../../../shared/character/new-character';
import { fitTitle, type SceneInfo } from '../../../shared/chat/chat-records';
import type { ChatState } from '../../../shared/chat/chat-state';
import { renderTranscript, type TranscriptFormat } from '../../../shared/chat/transcript';
import type { Transcript } from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import { DEFAULT_GENERATION_SETTINGS } from '../../../shared/runtime/sampler-schema';
import { botNameOf } from '../../../shared/character/render-profile';
import { sceneUser } from '../../../shared/scene/scene-prompt';
import { slugify } from '../../../shared/text/slug';
import { assertCastNamesApart, type SceneCast } from './chat-context';
import type { ChatStore } from './chat-file-store';
import { newId } from './chat-paths';

// Scenes as files: a new scene with its links in the other characters' chats, a branch's links, and the
// cast a scene's prompts are made from. Replies in a scene go through the chat service like any chat's.

/** What a new scene is made from (the contract's createScene). */
export interface SceneInput {
  participants: string[];
  withUser: boolean;
  description: string;
  opening?: string;
  title?: string;
}

/** The stores scenes are kept in. */
export interface ScenesDeps {
  store: ChatStore;
  characters: { get: (id: string) => Promise<Character> };
  now: () => string;
}

/** Scene files, their links and casts. */
export class Scenes {
  constructor(private readonly deps: ScenesDeps) {}

  /**
   * A new scene: its file goes with the host's chats (the first participant), every other participant lists
   * it through a link, and the opening line (if any) is the host's, kept in the window as a greeting is.
   */
  async create(input: SceneInput): Promise<ChatState> {
    const cast = await Promise.all(input.participants.map((id) => this.deps.characters.get(id)));
    const host = cast[0]!;
    assertCastNamesApart(cast, input.withUser ? sceneUser(host, null).name : null, 'this scene');
    const at = this.deps.now();
    const id = newId('scene');
    const scene: SceneInfo = { participants: cast.map((c) => c.id), withUser: input.withUser, description: input.description.trim() };
    const header = {
      t: 'chat' as const, v: 1 as const, id, characterId: host.id, createdAt: at,
      title: input.title?.trim() || fitTitle(cast.map(botNameOf).join(' · ')),
      branchedFrom: null, persona: null, settings: DEFAULT_GENERATION_SETTINGS, scene,
    };
    const opening = input.opening?.trim()
      ? [{ t: 'message' as const, id: newId('m'), role: 'character' as const, speaker: host.id, swipes: [{ text: input.opening.trim(), at }], active: 0, at }]
      : [];
    return this.withLinks(scene, id, () => this.deps.store.create(header, opening));
  }

  /**
   * Lists a new scene among the chats of each of its characters besides the host, then writes it with
   * `create`: all or nothing (a link whose scene is missing lists nothing, and is taken back on failure).
   */
  async withLinks(scene: SceneInfo, chatId: string, create: () => Promise<ChatState>): Promise<ChatState> {
    const host = scene.participants[0]!;
    const others = scene.participants.slice(1);
    try {
      for (const id of others) await this.deps.store.link(id, host, chatId);
      return await create();
    } catch (error) {
      await Promise.all(others.map((id) => this.deps.store.unlink(id, chatId).catch(() => undefined)));
      throw error;
    }
  }

  /** A scene's characters in its order; one deleted from the library since stands in under its id. Undefined for a chat. */
  async castOf(chat: ChatState): Promise<SceneCast | undefined> {
    if (!chat.scene) return undefined;
    const gone = new Set<string>();
    const characters = await Promise.all(chat.scene.participants.map((id) => this.deps.characters.get(id).catch((error: unknown) => {
      if (!(error instanceof StudioError) || error.code !== 'not_found') throw error;
      gone.add(id);
      return newCharacter({ id, name: id, now: chat.createdAt });
    })));
    return { characters, gone };
  }

  /** A chat's (or a scene's) shown messages as a transcript, named after it. */
  async transcript(characterId: string, chatId: string, format: TranscriptFormat): Promise<Transcript> {
    const chat = await this.deps.store.read(characterId, chatId);
    const cast = (await this.castOf(chat))?.characters ?? [await this.deps.characters.get(characterId)];
    const user = sceneUser(cast[0]!, chat.persona).name;
    const content = renderTranscript(chat, { characters: new Map(cast.map((c) => [c.id, botNameOf(c)])), user }, format);
    return { name: `${slugify(chat.title, chat.id)}.${format === 'text' ? 'txt' : 'jsonl'}`, content };
  }
}
