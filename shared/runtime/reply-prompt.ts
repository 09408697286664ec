import { flattenText, renderPrompt, speakerTag, type DialogueTurn, type SessionMeta } from '../prompt/characterglm-format';

// The prompt text for the next reply, including "continue": the character's unfinished reply stays open
// on the last line, so the model carries on from its last word.

/** The full prompt text (without the control tokens) that asks for a reply, optionally continuing `partial`. */
export function renderReplyPrompt(meta: SessionMeta, turns: readonly DialogueTurn[], partial = ''): string {
  if (partial === '') return renderPrompt(meta, turns, true);
  return `${renderPrompt(meta, turns, false)}\n${speakerTag(meta, 'character')}${flattenText(partial)}`;
}
