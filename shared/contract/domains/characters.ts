import { z } from 'zod';
import { characterSchema, type Character } from '../../character/character-schema';
import type { CharacterSummary } from '../../character/character-summary';
import type { TrashEntry } from '../../character/library-types';
import type { PromptPreview } from '../../character/prompt-preview';
import { request } from '../define';
import { uploadIdSchema } from './upload-id';

// The character library and editor. Bytes (avatars, imported files) travel as base64 because the
// WebSocket of serve mode carries JSON; their sizes are capped here, before any service sees them.

/** A character folder name: visible, no path separators, no `~` (it marks trash entries). */
export const characterIdSchema = z.string().min(1).max(120).regex(/^(?!\.)[^/\\\0~]+$/, 'not a valid character id');

const trashIdSchema = z.string().min(3).max(140).regex(/^(?!\.)[^/\\\0]+~\d+$/, 'not a valid trash entry');

const base64 = (maxBytes: number) =>
  z.string().max(Math.ceil(maxBytes / 3) * 4, `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** A bundled example the "new character" menu offers. */
export interface ExampleInfo {
  exampleId: string;
  name: string;
  language: Character['language'];
}

/** An import format, for the file picker and messages. */
export interface ImportFormat {
  id: string;
  label: string;
  extensions: string[];
}

const personaSchema = z.object({ name: z.string().max(200).optional(), info: z.string().max(20_000).optional() }).strict();

/** Every request of the characters domain (the library, the editor, import and the preview). */
export const charactersContract = {
  list: request<CharacterSummary[]>()(z.object({}).strict()),
  get: request<Character>()(z.object({ id: characterIdSchema }).strict()),
  /** A new character: blank (named in the UI's language) or from a bundled example. */
  create: request<Character>()(
    z.union([
      z.object({ template: z.literal('blank'), name: z.string().trim().min(1).max(200), language: z.enum(['zh', 'en']).default('zh') }).strict(),
      z.object({ template: z.literal('example'), exampleId: z.string().min(1).max(100) }).strict(),
    ]),
  ),
  examples: request<ExampleInfo[]>()(z.object({}).strict()),
  /** Saves an edit; `character.revision` must be the one it was loaded at (else a conflict error). */
  save: request<Character>()(z.object({ character: characterSchema }).strict()),
  duplicate: request<Character>()(z.object({ id: characterIdSchema }).strict()),
  /** Moves a character, with everything in its folder, to the trash. */
  delete: request<TrashEntry>()(z.object({ id: characterIdSchema }).strict()),
  trash: request<TrashEntry[]>()(z.object({}).strict()),
  restore: request<CharacterSummary>()(z.object({ trashId: trashIdSchema }).strict()),
  purge: request<void>()(z.object({ trashId: trashIdSchema }).strict()),
  /** Avatar bytes from a file picker or the clipboard; checked to be an image of at most 8 MB. */
  setAvatar: request<Character>()(z.object({ id: characterIdSchema, fileName: z.string().max(300), dataBase64: base64(8 * 1024 * 1024) }).strict()),
  removeAvatar: request<Character>()(z.object({ id: characterIdSchema }).strict()),
  avatar: request<{ mediaType: string; dataBase64: string } | null>()(z.object({ id: characterIdSchema }).strict()),
  importFormats: request<ImportFormat[]>()(z.object({}).strict()),
  /**
   * Imports every character in a file (format chosen by the importer registry); all or nothing. The
   * file comes whole (up to 48 MB) or, when larger, by the id of an upload in pieces (packs.uploadBegin).
   * Answers the characters added, and what lenient reading changed or left out (file: character: what).
   */
  import: request<{ characters: CharacterSummary[]; warnings: string[] }>()(
    z.union([z.object({ fileName: z.string().min(1).max(300), dataBase64: base64(48 * 1024 * 1024) }).strict(), z.object({ uploadId: uploadIdSchema }).strict()]),
  ),
  /** The editor's preview of an unsaved draft: bot_info, the next turn's exact prompt, token counts. */
  preview: request<PromptPreview>()(
    z.object({ character: characterSchema, userMessage: z.string().max(20_000).default(''), persona: personaSchema.optional() }).strict(),
  ),
};
