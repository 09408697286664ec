import { z } from 'zod';

// A character as the CharacterGLM paper splits it: attributes (what the character says about itself)
// and behaviours (how it says it), plus the user persona, greetings, scenario and examples that
// character cards carry. Stored as `character.json` (schema-versioned; older versions are migrated
// forward on load, newer ones are refused rather than overwritten).

export const CHARACTER_SCHEMA_VERSION = 1;

const text = (max = 20_000) => z.string().max(max).default('');
const list = (max = 200) => z.array(z.string().max(5_000)).max(max).default([]);

/** A plain file name inside the character's folder: never a path, never hidden (a character.json from a stranger must not point elsewhere). */
export const avatarFileNameSchema = z.string().max(200).regex(/^[^/\\.][^/\\]*$/, 'the avatar must be a file name inside the character folder');

/** A social relationship: who, and what they are to the character. */
export const relationshipSchema = z.object({
  name: z.string().max(200),
  relation: z.string().max(2_000).default(''),
});

/** One example dialogue: alternating lines, as cards' `mes_example` blocks hold them. */
export const exampleDialogueSchema = z.array(
  z.object({ speaker: z.enum(['user', 'character']), text: z.string().max(10_000) }),
).max(100);

/** The seven attributes named by the official CharacterGLM-6B repository. */
export const attributesSchema = z.object({
  identity: text(),
  interests: list(),
  viewpoints: list(),
  experiences: list(),
  achievements: list(),
  relationships: z.array(relationshipSchema).max(200).default([]),
  other: text(),
});

/** Behaviours: the paper's linguistic style, personality, emotional expression, interaction patterns. */
export const behavioursSchema = z.object({
  linguisticStyle: text(),
  personality: text(),
  emotionalExpression: text(),
  interactionPatterns: text(),
});

/** The whole character.json (current version); the one schema the library, contract and importers validate with. */
export const characterSchema = z.object({
  schemaVersion: z.literal(CHARACTER_SCHEMA_VERSION),
  id: z.string().min(1).max(120),
  /** Increases on every save; corrections and datasets record the revision they were made against. */
  revision: z.number().int().min(0).default(0),
  name: z.string().trim().min(1, 'a character needs a name').max(200),
  nickname: text(200),
  /** The language the profile is rendered in (Chinese by default, as the model is). */
  language: z.enum(['zh', 'en']).default('zh'),
  /** File name of the avatar inside the character's folder, or null. */
  avatar: avatarFileNameSchema.nullable().default(null),
  attributes: attributesSchema.default(() => attributesSchema.parse({})),
  behaviours: behavioursSchema.default(() => behavioursSchema.parse({})),
  /** `structured` renders bot_info from the fields above; `freeText` uses `freeTextProfile` as written. */
  profileMode: z.enum(['structured', 'freeText']).default('structured'),
  freeTextProfile: text(50_000),
  /** The user persona of the CharacterGLM session (user_name / user_info). */
  user: z.object({ name: z.string().max(200).default('用户'), info: text() }).default({ name: '用户', info: '' }),
  greeting: text(),
  alternateGreetings: list(50),
  scenario: text(),
  exampleDialogues: z.array(exampleDialogueSchema).max(50).default([]),
  tags: z.array(z.string().max(100)).max(100).default([]),
  creatorNotes: text(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  /** Unknown keys from cards and other apps, kept untouched for re-export. */
  extensions: z.record(z.string(), z.unknown()).default({}),
});

/** A valid character, defaults filled in. */
export type Character = z.output<typeof characterSchema>;
/** What may be handed to characterSchema.parse: defaults may be left out. */
export type CharacterInput = z.input<typeof characterSchema>;
/** One entry of attributes.relationships. */
export type Relationship = z.output<typeof relationshipSchema>;
/** One example dialogue, as stored. */
export type ExampleDialogue = z.output<typeof exampleDialogueSchema>;
