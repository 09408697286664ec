import type { Character } from '../../../shared/character/character-schema';
import { renderBotInfo } from '../../../shared/character/render-profile';
import { StudioError } from '../../../shared/contract/errors';
import type { VariantPacket } from '../../../shared/contract/domains/training';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { cleanVariant, rewriteRequest, rewriterMeta, type ProfileVariant, type VariantKind } from '../../../shared/training/profile-variants';
import type { ReplyEngine } from '../runtime/reply-engine';
import type { ChatModel } from '../runtime/ensure-model';
import type { ProfileVariantsStore } from './profile-variants-store';
import { augmentSession } from '../runtime/session-key';

// Prompt augmentation's writing half: the loaded model rewrites the character's profile once per
// requested kind, through the same chat engine as the preview (one session, so the shared editor
// header is read once). Each result is stored unaccepted, for the writer to review.


export interface AugmenterDeps {
  characters: { get(id: string): Promise<Character> };
  engine: ReplyEngine;
  ensureModel: () => Promise<ChatModel>;
  store: ProfileVariantsStore;
  now?: () => string;
}

/** Reply budget: a rewrite is about as long as the profile (a summary about half), in tokens ≈ characters for Chinese. */
function maxTokensFor(kind: VariantKind, profile: string): number {
  const full = Math.min(768, Math.max(96, Math.ceil(profile.length * 1.3)));
  return kind === 'summary' ? Math.max(64, Math.ceil(full / 2)) : full;
}

export class ProfileAugmenter {
  constructor(private readonly deps: AugmenterDeps) {}

  async generate(
    input: { characterId: string; kinds: readonly VariantKind[] }, emit: (packet: VariantPacket) => void, signal: AbortSignal,
  ): Promise<ProfileVariant[]> {
    const character = await this.deps.characters.get(input.characterId);
    const profile = renderBotInfo(character);
    if (profile.trim() === '') throw new StudioError('invalid_input', `${character.name}: the profile is empty; write the attributes or the free-text profile first`);
    await this.deps.ensureModel();
    const session = augmentSession(character.id);
    const made: ProfileVariant[] = [];
    try {
      for (const [index, kind] of input.kinds.entries()) {
        if (signal.aborted) break;
        const reply = await this.deps.engine.reply(
          {
            session, kvFile: null, meta: rewriterMeta(character.language), turns: rewriteRequest(kind, profile, character.language),
            keepFirst: 0, partial: '', adapter: null,
            sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: maxTokensFor(kind, profile), seed: null },
          },
          (packet) => packet.type === 'token' && emit({ type: 'token', index, kind, text: packet.text }),
          signal,
        );
        if (signal.aborted) break;
        const text = cleanVariant(reply.text);
        if (text === null) continue;
        const all = await this.deps.store.add(character.id, {
          kind, text, accepted: false, sourceRevision: character.revision, createdAt: this.deps.now?.() ?? new Date().toISOString(),
        });
        const variant = all.at(-1)!;
        made.push(variant);
        emit({ type: 'variant', index, variant });
      }
    } finally {
      await this.deps.engine.forget(session);
    }
    if (made.length === 0 && !signal.aborted) throw new StudioError('failed', 'the model wrote nothing usable; try again (or load a larger model)');
    return made;
  }
}
