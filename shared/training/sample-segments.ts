import { flattenText, renderHeader, speakerTag, type DialogueTurn, type SessionMeta } from '../prompt/characterglm-format';

// A sample as the pieces of its prompt text, each marked whether training learns it. The pieces join to
// exactly renderPrompt(meta, turns, false): the text the chat shows the model. The tokeniser tokenises
// piece by piece as the chat's prompt format does, and the preview shows the trained pieces highlighted.

/** One piece of a rendered sample. */
export interface SampleSegment {
  kind: 'header' | 'tag' | 'message';
  /** For tags and messages: the index of the turn in the sample. */
  turn: number;
  text: string;
  /** A character reply the adapter learns (with the end that follows it). */
  trained: boolean;
}

/** Whether each turn is a reply to learn: a non-empty character turn after the first user turn (a greeting is context). */
export function trainedTurns(turns: readonly DialogueTurn[]): boolean[] {
  let seenUser = false;
  return turns.map((t) => {
    if (t.speaker === 'user') seenUser = true;
    return seenUser && t.speaker === 'character' && t.text.trim() !== '';
  });
}

/** The sample's prompt pieces; empty turns render nothing, as in chat. */
export function sampleSegments(meta: SessionMeta, turns: readonly DialogueTurn[]): SampleSegment[] {
  const trained = trainedTurns(turns);
  const segments: SampleSegment[] = [{ kind: 'header', turn: -1, text: renderHeader(meta).join('\n'), trained: false }];
  turns.forEach((turn, i) => {
    if (turn.text.trim() === '') return;
    segments.push({ kind: 'tag', turn: i, text: `\n${speakerTag(meta, turn.speaker, turn.name)}`, trained: false });
    segments.push({ kind: 'message', turn: i, text: flattenText(turn.text), trained: trained[i]! });
  });
  return segments;
}

/** The session meta of a sample: the character's, with the fields the sample carries itself. */
export function sampleMeta(character: SessionMeta, own: Partial<SessionMeta> | undefined): SessionMeta {
  return { ...character, ...(own ?? {}) };
}
