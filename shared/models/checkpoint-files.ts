// Which files of a ChatGLM2-family hub checkpoint the converter reads: one answer for a folder on disk
// (Convert) and for a repository's file list (`models get`), so the studio never downloads a file the
// converter ignores or misses one it needs.

/** Files every checkpoint must have. */
export const CHECKPOINT_REQUIRED_FILES = ['config.json', 'tokenizer.model'] as const;

/** The checkpoint's own licence, in the order the converter looks for it (only the first is read). */
export const CHECKPOINT_LICENCE_FILES = ['MODEL_LICENSE', 'MODEL_LICENSE.txt', 'LICENSE', 'LICENSE.txt', 'LICENSE.md'] as const;

/** How the weights are stored: shards matching `pattern`, listed in `index` when sharded. */
export interface WeightLayout {
  format: 'safetensors' | 'pytorch';
  index: string;
  pattern: RegExp;
}

const SAFETENSORS: WeightLayout = { format: 'safetensors', index: 'model.safetensors.index.json', pattern: /\.safetensors$/ };
const PYTORCH: WeightLayout = { format: 'pytorch', index: 'pytorch_model.bin.index.json', pattern: /^pytorch_model.*\.bin$/ };

/** The weight layout of a set of top-level file names, safetensors preferred when both are there. */
export function weightLayoutOf(names: readonly string[]): WeightLayout | null {
  for (const layout of [SAFETENSORS, PYTORCH]) {
    if (names.includes(layout.index) || names.some((n) => layout.pattern.test(n))) return layout;
  }
  return null;
}

/** The weight files without an index: every name matching the layout, sorted. */
export function unindexedShards(layout: WeightLayout, names: readonly string[]): string[] {
  return names.filter((n) => layout.pattern.test(n)).sort();
}

/** The shard names an index json's `weight_map` points at; throws naming the field. */
export function parseWeightIndex(text: string): string[] {
  let parsed: { weight_map?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const map = parsed?.weight_map;
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new Error('field "weight_map" is missing');
  return [...new Set(Object.values(map as Record<string, unknown>).map(String))].sort();
}
