import { StudioError } from '../contract/errors';
import { jsonTextDepthProblem } from '../validation/bounded-json';
import { formatIssues } from '../validation/format-issues';
import { cardDataSchema, KNOWN_DATA_KEYS, type CardData } from './card-schema';
import { isPlainObject } from './lenient';

// Any card JSON (V1, V2, V3, and the older TavernAI/Pygmalion field names) → one V3-shaped record plus
// everything the spec does not name, so nothing an app wrote is lost on the way through the studio.

/** Which spec the card claimed (or looked like). */
export type CardSpec = 'v1' | 'v2' | 'v3';

/** A card read into the V3 shape, with its unknown fields kept apart for re-export. */
export interface NormalizedCard {
  spec: CardSpec;
  /** The spec_version string as written ('' for V1). */
  specVersion: string;
  data: CardData;
  /** Keys inside `data` that no spec names. */
  unknownData: Record<string, unknown>;
  /** Top-level keys other than spec/spec_version/data and the V1 mirror fields. */
  unknownTop: Record<string, unknown>;
  warnings: string[];
}

// V1 fields that V2/V3 writers mirror at the top level for old readers; regenerated on export.
const V1_MIRROR_KEYS = new Set(['name', 'description', 'personality', 'scenario', 'first_mes', 'mes_example']);
const ENVELOPE_KEYS = new Set(['spec', 'spec_version', 'data']);

// TavernAI / Pygmalion names for the same fields.
const LEGACY_NAMES: Record<string, string> = {
  char_name: 'name',
  char_persona: 'description',
  world_scenario: 'scenario',
  char_greeting: 'first_mes',
  example_dialogue: 'mes_example',
};

function fromLegacyNames(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [legacy, modern] of Object.entries(LEGACY_NAMES)) {
    if (out[modern] === undefined && raw[legacy] !== undefined) {
      out[modern] = raw[legacy];
      delete out[legacy];
    }
  }
  return out;
}

function detect(raw: Record<string, unknown>): { spec: CardSpec; dataRaw: Record<string, unknown>; warnings: string[] } {
  const warnings: string[] = [];
  const claimed = typeof raw.spec === 'string' ? raw.spec : '';
  if (isPlainObject(raw.data)) {
    const spec: CardSpec = claimed === 'chara_card_v3' ? 'v3' : 'v2';
    if (claimed !== 'chara_card_v3' && claimed !== 'chara_card_v2') {
      warnings.push(claimed === '' ? 'the card names no spec; read as Character Card V2' : `unknown spec "${claimed}"; read as Character Card V2`);
    }
    return { spec, dataRaw: raw.data, warnings };
  }
  if (claimed === 'chara_card_v2' || claimed === 'chara_card_v3') {
    warnings.push(`the card says ${claimed} but has no "data" object; read its top-level fields`);
  }
  const dataRaw = fromLegacyNames(raw);
  for (const key of ENVELOPE_KEYS) delete dataRaw[key];
  return { spec: 'v1', dataRaw, warnings };
}

/** Reads card JSON leniently; throws a StudioError naming `source` and the field when it cannot. */
export function normalizeCard(raw: unknown, source: string): NormalizedCard {
  if (!isPlainObject(raw)) throw new StudioError('bad_file', `${source}: a character card must be a JSON object`);
  const { spec, dataRaw, warnings } = detect(raw);
  const parsed = cardDataSchema.safeParse(dataRaw);
  if (!parsed.success) {
    const where = spec === 'v1' ? '' : 'data.';
    throw new StudioError('bad_file', `${source}: ${formatIssues(parsed.error).replace(/(^|; )/g, `$1${where}`)}`);
  }
  const data = parsed.data;
  if (data.name.trim() === '') throw new StudioError('bad_file', `${source}: the card has no name (${spec === 'v1' ? 'name' : 'data.name'} is empty)`);
  const specVersion = typeof raw.spec_version === 'string' || typeof raw.spec_version === 'number' ? String(raw.spec_version) : '';
  if (spec === 'v3' && Number.parseFloat(specVersion) > 3) {
    warnings.push(`the card was written for Character Card spec ${specVersion}; fields newer than 3.0 are kept but not used`);
  }
  const unknownData: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!KNOWN_DATA_KEYS.has(key)) unknownData[key] = value;
  for (const key of Object.keys(unknownData)) delete (data as Record<string, unknown>)[key];
  // A V1 card's unknown keys sat at the top level; they go back there.
  const unknownTop: Record<string, unknown> = spec === 'v1' ? { ...unknownData } : {};
  if (spec === 'v1') for (const key of Object.keys(unknownData)) delete unknownData[key];
  else {
    for (const [key, value] of Object.entries(raw)) if (!ENVELOPE_KEYS.has(key) && !V1_MIRROR_KEYS.has(key)) unknownTop[key] = value;
  }
  return { spec, specVersion, data, unknownData, unknownTop, warnings };
}

// Real cards nest a few levels (lorebook entries, app extensions); a limit far above that keeps a
// crafted card from overflowing the stack when the character is saved or sent.
const CARD_MAX_DEPTH = 64;

/** Parses card JSON text; the message names `source` when the text is not JSON or nests too deep. */
export function parseCardJson(text: string, source: string): NormalizedCard {
  const deep = jsonTextDepthProblem(text, CARD_MAX_DEPTH);
  if (deep) throw new StudioError('bad_file', `${source}: ${deep}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new StudioError('bad_file', `${source}: not valid JSON (${(error as Error).message})`);
  }
  return normalizeCard(raw, source);
}
