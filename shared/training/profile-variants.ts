import { z } from 'zod';
import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';

// The paper's prompt augmentation (CharacterGLM §3.3): the character profile is paraphrased,
// summarised and restyled into variants, and training dialogues take turns with them, so the adapter
// learns the character rather than one wording of its profile. The local model writes the variants;
// the writer reviews (edits, accepts or deletes) each before any run uses it.

export const VARIANT_KINDS = ['paraphrase', 'summary', 'restyle'] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

export const profileVariantSchema = z.object({
  id: z.string(),
  kind: z.enum(VARIANT_KINDS),
  text: z.string(),
  /** Only accepted variants are trained on. */
  accepted: z.boolean(),
  /** The character revision whose profile was rewritten; an older one may no longer match it. */
  sourceRevision: z.number().int(),
  createdAt: z.string(),
});
export type ProfileVariant = z.output<typeof profileVariantSchema>;

export const profileVariantsFileSchema = z.object({ version: z.literal(1), variants: z.array(profileVariantSchema) });

const ASKS: Record<'zh' | 'en', Record<VariantKind, string>> = {
  zh: {
    paraphrase: '请换一种说法改写下面这段人物设定，保留全部事实，不要添加新内容，只输出改写后的设定。',
    summary: '请把下面这段人物设定压缩成更短的一段话，保留最重要的事实，只输出压缩后的设定。',
    restyle: '请用更生动的文风重写下面这段人物设定，保留全部事实，只输出重写后的设定。',
  },
  en: {
    paraphrase: 'Rewrite the character profile below in different words. Keep every fact, add nothing, and reply with the rewritten profile only.',
    summary: 'Condense the character profile below into one shorter paragraph that keeps the key facts. Reply with the condensed profile only.',
    restyle: 'Rewrite the character profile below in a livelier style, keeping every fact. Reply with the rewritten profile only.',
  },
};

/** The editor persona the model takes when rewriting (the model only speaks the CharacterGLM format). */
export function rewriterMeta(language: 'zh' | 'en'): SessionMeta {
  return language === 'zh'
    ? { botName: '编辑', userName: '作者', botInfo: '一位细心的文字编辑，改写文字时保留全部事实，不添加新内容。', userInfo: '一位正在设计角色的作者。' }
    : { botName: 'Editor', userName: 'Writer', botInfo: 'A careful copy editor who rewrites text keeping every fact and adding nothing.', userInfo: 'A writer designing a character.' };
}

/** The one user turn asking for a variant of `profile`. */
export function rewriteRequest(kind: VariantKind, profile: string, language: 'zh' | 'en'): DialogueTurn[] {
  return [{ speaker: 'user', text: `${ASKS[language][kind]}\n${profile}` }];
}

/** The model's answer as a variant: trimmed, without a leading "Rewritten profile:" style label; null when empty. */
export function cleanVariant(text: string): string | null {
  const cleaned = text
    .trim()
    .replace(/^(改写后的设定|压缩后的设定|重写后的设定|改写后|rewritten profile|condensed profile|profile)\s*[:：]\s*/i, '')
    .trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * The session metas a run trains with: the profile as written, then each accepted variant. Dialogue i
 * uses metas[i % metas.length], so every wording gets an even share and the original stays in.
 */
export function trainingMetas(meta: SessionMeta, variants: readonly ProfileVariant[]): SessionMeta[] {
  return [meta, ...variants.filter((v) => v.accepted && v.text.trim() !== '').map((v) => ({ ...meta, botInfo: v.text }))];
}
