import { z } from 'zod';

// A correction: the writer rewrote one of the character's replies. It is the paper's self-refinement
// signal, stored one per line in `characters/<id>/corrections.jsonl` so the trainer reads it directly.

const name = z.string().max(200);
/** A line of the context; `name` is another character of a scene (its line is a 'user' turn under its own tag). */
const turnSchema = z.object({ speaker: z.enum(['user', 'character']), text: z.string().max(200_000), name: name.optional() });

/** The scene a correction was made in, as the speaker's prompt showed it (see characterglm-format.ts). */
export const sceneFrameSchema = z.object({
  description: z.string().max(4000),
  others: z.array(z.object({ name, info: z.string().max(20_000) })).max(8),
});

/** One line of `corrections.jsonl`. */
export const correctionSchema = z.object({
  id: z.string().min(1).max(64),
  chatId: z.string().max(120),
  messageId: z.string().max(64),
  /** The dialogue before the corrected reply (active swipes), as the model saw it. */
  context: z.array(turnSchema).max(2000),
  original: z.string().max(200_000),
  corrected: z.string().max(200_000),
  /** The character's revision when the correction was made. */
  characterRevision: z.number().int().min(0),
  /** Bot and user names in force (the persona may have been overridden in that chat). */
  botName: z.string().max(200),
  userName: z.string().max(200),
  userInfo: z.string().max(20_000).default(''),
  at: z.string().max(40),
  /** The chat's memory in the prompt of the corrected reply (facts, summary); the context then starts after what the summary covers. */
  memory: z.object({ facts: z.array(z.string().max(2000)).max(200), summary: z.string().max(8000) }).optional(),
  /** Set when the corrected line was said in a scene: the header then names everyone in it. */
  scene: sceneFrameSchema.optional(),
});

/** A correction as stored. */
export type Correction = z.output<typeof correctionSchema>;

/** Ready for training: a non-empty correction that actually changes the reply. */
export function isReadyForTraining(correction: Correction): boolean {
  return correction.corrected.trim() !== '' && correction.corrected.trim() !== correction.original.trim();
}

/** The Corrections view's filter: text anywhere, and optionally only those made against the current profile. */
export function filterCorrections(all: readonly Correction[], query: string, onlyRevision: number | null = null): Correction[] {
  const needle = query.trim().toLowerCase();
  return all.filter(
    (c) =>
      (onlyRevision === null || c.characterRevision === onlyRevision) &&
      (needle === '' || [c.original, c.corrected, ...c.context.map((t) => t.text)].some((t) => t.toLowerCase().includes(needle))),
  );
}
