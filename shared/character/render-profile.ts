import { flattenText, type SessionMeta } from '../prompt/characterglm-format';
import type { Character } from './character-schema';
import { profileLabels, type ProfileLabels } from './profile-labels';

// Structured character → the model's `bot_info` text. Deterministic and pure, because the chat, the
// prompt preview, token counts and the trainer all render through it: the same character must give
// the same bytes everywhere, or an adapter learns a profile that chat never shows it.
//
// Shape: one `label：value` segment per non-empty field, in the paper's order (attributes, then
// behaviours, then the scenario), joined by newlines. The prompt format flattens newlines to spaces,
// so the model sees one line; the editor shows the segments one per line.

/** A user persona that replaces the character's own for one session (e.g. the chat's persona picker). */
export interface UserPersonaOverride {
  name?: string;
  info?: string;
}

const clean = (text: string): string => text.trim();
// A structured field is one segment: line breaks inside it become spaces, as the prompt would make them.
const field = (text: string): string => flattenText(text).trim();

function joinList(items: readonly string[], labels: ProfileLabels): string {
  return items.map(field).filter((item) => item !== '').join(labels.listSeparator);
}

function relationshipsText(character: Character, labels: ProfileLabels): string {
  const parts = character.attributes.relationships
    .map((r) => ({ name: field(r.name), relation: field(r.relation) }))
    .filter((r) => r.name !== '' || r.relation !== '')
    .map((r) => (r.relation === '' ? r.name : r.name === '' ? r.relation : labels.relationship(r.name, r.relation)));
  return parts.join(labels.listSeparator);
}

/** The structured segments in render order; empty fields are left out. */
export function profileSegments(character: Character): { label: string; text: string }[] {
  const labels = profileLabels(character.language);
  const { attributes: a, behaviours: b } = character;
  const segments: [string, string][] = character.profileMode === 'freeText'
    ? [['', clean(character.freeTextProfile)]]
    : [
        [labels.identity, field(a.identity)],
        [labels.interests, joinList(a.interests, labels)],
        [labels.viewpoints, joinList(a.viewpoints, labels)],
        [labels.experiences, joinList(a.experiences, labels)],
        [labels.achievements, joinList(a.achievements, labels)],
        [labels.relationships, relationshipsText(character, labels)],
        [labels.other, field(a.other)],
        [labels.linguisticStyle, field(b.linguisticStyle)],
        [labels.personality, field(b.personality)],
        [labels.emotionalExpression, field(b.emotionalExpression)],
        [labels.interactionPatterns, field(b.interactionPatterns)],
      ];
  segments.push([labels.scenario, field(character.scenario)]);
  return segments.filter(([, text]) => text !== '').map(([label, text]) => ({ label, text }));
}

/**
 * The `bot_info` text for a character: structured fields rendered in the character's language, or the
 * free-text profile as written (the scenario is appended in both modes).
 */
export function renderBotInfo(character: Character): string {
  const labels = profileLabels(character.language);
  return profileSegments(character)
    .map(({ label, text }) => (label === '' ? text : `${label}${labels.colon}${text}`))
    .join('\n');
}

/** The name a character goes by in prompts and scenes: its nickname when set, else its name. */
export function botNameOf(character: Pick<Character, 'name' | 'nickname'>): string {
  return clean(character.nickname) || clean(character.name);
}

/**
 * The CharacterGLM session meta for a character — what chat, preview and training hand to
 * shared/prompt/characterglm-format.ts. Bot name is the nickname when set, else the name; the user
 * persona comes from the character unless `persona` overrides a field.
 */
export function sessionMetaFor(character: Character, persona?: UserPersonaOverride): SessionMeta {
  const labels = profileLabels(character.language);
  const botName = botNameOf(character);
  const userName = clean(persona?.name ?? character.user.name) || labels.defaultUserName;
  const userInfo = clean(persona?.info ?? character.user.info);
  return { botName, userName, botInfo: renderBotInfo(character), userInfo };
}

/** How long another character's profile may run in a scene's header. */
export const BRIEF_PROFILE_CHARS = 160;

/**
 * A character as the others in a scene know it: identity and personality (or the start of a free-text
 * profile), cut at BRIEF_PROFILE_CHARS. Every speaker's header carries one per other participant, so it is
 * short: the speaker's own full profile is what the prompt is about.
 */
export function briefProfile(character: Character): string {
  const labels = profileLabels(character.language);
  const wanted = new Set([labels.identity, labels.personality, '']);
  const text = profileSegments(character)
    .filter(({ label }) => wanted.has(label))
    .map(({ label, text: value }) => (label === '' ? flattenText(value) : `${label}${labels.colon}${value}`))
    .join(labels.listSeparator)
    .trim();
  return text.length <= BRIEF_PROFILE_CHARS ? text : `${text.slice(0, BRIEF_PROFILE_CHARS - 1)}…`;
}
