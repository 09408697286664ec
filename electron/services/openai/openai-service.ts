import type { Character } from '../../../shared/character/character-schema';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import { chatDialogue } from '../../../shared/openai/chat-dialogue';
import { parseModelId } from '../../../shared/openai/model-id';
import { invalidRequest, OpenAiError } from '../../../shared/openai/openai-error';
import { promptText, type ChatCompletionRequest, type CompletionRequest } from '../../../shared/openai/openai-requests';
import type { ApiModel } from '../../../shared/openai/openai-responses';
import { refuseUnsupported, samplerFor, stopStrings } from '../../../shared/openai/request-sampler';
import type { ReplyPacket, ReplyResult } from '../../../shared/runtime/generation';
import { DEFAULT_GENERATION_SETTINGS } from '../../../shared/runtime/sampler-schema';
import type { CharacterLibrary } from '../characters/character-library';
import { resolveAdapter } from '../chat/chat-context';
import type { ChatEngine } from '../runtime/chat-engine';
import type { AdapterSpec } from '../runtime/context-pool';
import { listApiModels } from './api-models';
import { ApiSessions } from './api-sessions';

/** What the API is built from: the studio's own library, engine and model loading. */
export interface OpenAiServiceDeps {
  charactersDir: string;
  characters: Pick<CharacterLibrary, 'get' | 'list'>;
  engine: ChatEngine;
  /** Loads the default model when none is loaded, as chat does. */
  ensureModel: () => Promise<ModelInfo>;
}

const modelNotFound = (model: string): OpenAiError =>
  new OpenAiError(404, 'invalid_request_error', 'model_not_found', `the model "${model}" does not exist: GET /v1/models lists the characters and their adapters`, 'model');

/**
 * The studio's characters behind the OpenAI-compatible API: a chat request is answered by the loaded model
 * in the CharacterGLM format with the character's profile, adapter (for a character/adapter id) and
 * sampler defaults; a completion continues raw text. Nothing is written to the character's chats; KV
 * caches stay in memory.
 */
export class OpenAiService {
  private readonly sessions: ApiSessions;

  constructor(private readonly deps: OpenAiServiceDeps) {
    this.sessions = new ApiSessions((session) => deps.engine.forget(session));
  }

  models(): Promise<ApiModel[]> {
    return listApiModels(this.deps.characters, this.deps.charactersDir);
  }

  /** Answers a chat request as the character named by its model id. */
  async chat(request: ChatCompletionRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult> {
    refuseUnsupported(request);
    const sampler = samplerFor(request, DEFAULT_GENERATION_SETTINGS.sampler);
    const { character, adapter } = await this.resolve(request.model);
    const dialogue = chatDialogue(character, request.messages);
    const held = this.sessions.hold(request.model, dialogue.opening);
    try {
      const reply = {
        session: held.session, kvFile: null, meta: dialogue.meta, turns: dialogue.turns, keepFirst: dialogue.keepFirst, partial: '',
        sampler, adapter, stop: stopStrings(request),
      };
      const preview = await this.deps.engine.preview(reply);
      if (!preview.fits) {
        throw invalidRequest(
          'context_length_exceeded',
          `the profile, system messages and last message need ${preview.tokens} tokens, more than the context of ${preview.contextSize} leaves beside the reply: shorten them or lower max_tokens`,
          'messages',
        );
      }
      return await this.deps.engine.reply(reply, onPacket, signal);
    } finally {
      held.release();
    }
  }

  /**
   * Continues raw prompt text with the loaded model (and the adapter of a character/adapter id). Completions
   * of one model id share one KV cache, reused by common prefix.
   */
  async complete(request: CompletionRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult> {
    refuseUnsupported(request);
    const sampler = samplerFor(request, DEFAULT_GENERATION_SETTINGS.sampler);
    const { adapter } = await this.resolve(request.model);
    const held = this.sessions.hold(request.model, '');
    try {
      return await this.deps.engine.complete({ session: held.session, prompt: promptText(request), sampler, adapter, stop: stopStrings(request) }, onPacket, signal);
    } finally {
      held.release();
    }
  }

  /** The character and adapter a model id names, with the model loaded (404 for an unknown id, 503 when no model loads). */
  private async resolve(id: string): Promise<{ character: Character; adapter: AdapterSpec | null }> {
    const ref = parseModelId(id);
    if (!ref) throw modelNotFound(id);
    const character = await this.deps.characters.get(ref.characterId).catch((error: unknown) => {
      if (error instanceof StudioError && (error.code === 'not_found' || error.code === 'invalid_input')) throw modelNotFound(id);
      throw error;
    });
    let info: ModelInfo;
    try {
      info = await this.deps.ensureModel();
    } catch (error) {
      throw new OpenAiError(503, 'server_error', 'model_not_loaded', `no model can be loaded: ${(error as Error).message}`);
    }
    if (ref.adapter === null) return { character, adapter: null };
    const adapter = await resolveAdapter(this.deps.charactersDir, character.id, { name: ref.adapter, scale: 1 }, { kind: 'local', info }).catch((error: unknown) => {
      if (error instanceof StudioError && error.code === 'not_found') throw modelNotFound(id);
      throw error;
    });
    return { character, adapter };
  }
}
