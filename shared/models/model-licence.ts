// Licences that must be shown and accepted before the studio downloads or converts weights. Acceptance
// is recorded per licence id in settings, so the question is asked once per licence.

/** A licence the user accepts before weights are fetched or converted. */
export interface ModelLicence {
  id: string;
  title: string;
  /** A plain summary in English and Chinese; the full text is at `url` (and in the checkpoint folder). */
  summary: { en: string; 'zh-CN': string };
  url: string;
  commercialUse: boolean;
  /** The checkpoint's own licence file, when one was found beside the weights. */
  text?: string;
}

/** CharacterGLM-6B's weights: non-commercial research only (DESIGN.md §4). */
export const CHARACTERGLM_LICENCE: ModelLicence = {
  id: 'characterglm-6b',
  title: 'CharacterGLM-6B model licence',
  summary: {
    en: 'THU-CoAI releases the CharacterGLM-6B weights for non-commercial research use only. You may not use the weights, or anything converted from them, commercially. The studio never bundles them: you fetch or convert them yourself and are responsible for following the licence.',
    'zh-CN': 'THU-CoAI 发布的 CharacterGLM-6B 权重仅限非商业的研究用途。不得将权重或由其转换得到的文件用于商业目的。工作室不附带这些权重：由你自行下载或转换，并负责遵守该许可。',
  },
  url: 'https://huggingface.co/thu-coai/CharacterGLM-6B',
  commercialUse: false,
};

/** The licence that governs a checkpoint, from its name: CharacterGLM builds are recognised by name. */
export function licenceForModelName(name: string): ModelLicence | null {
  return /character-?glm/i.test(name) ? CHARACTERGLM_LICENCE : null;
}
