import type { SessionMeta } from '../../../shared/prompt/characterglm-format';
import { CHARACTERGLM_FORMAT_VERSION } from '../../../shared/prompt/characterglm-format';
import type { TrainingSample } from '../../../shared/training/training-sample';

// Imported dialogues are stored in the same `messages` JSONL the chat exports (one dialogue per line),
// with whatever session meta the source carried under `characterglm` and the line it came from, so every
// dataset of a character reads the same way and stays usable by other tools.

/** The stored line of an imported dialogue. */
export function storedLine(sample: TrainingSample, file: string): string {
  const meta: Partial<SessionMeta> = sample.meta ?? {};
  const characterglm: Record<string, string | number> = {};
  if (meta.botName !== undefined) characterglm.bot_name = meta.botName;
  if (meta.userName !== undefined) characterglm.user_name = meta.userName;
  if (meta.botInfo !== undefined) characterglm.bot_info = meta.botInfo;
  if (meta.userInfo !== undefined) characterglm.user_info = meta.userInfo;
  return JSON.stringify({
    messages: sample.turns.map((t) => ({ role: t.speaker === 'user' ? 'user' : 'assistant', content: t.text })),
    ...(Object.keys(characterglm).length > 0 ? { characterglm: { ...characterglm, format_version: CHARACTERGLM_FORMAT_VERSION } } : {}),
    source: { kind: 'import', file, line: sample.line },
  });
}
