import { describe, expect, it } from 'vitest';
import { CARD_RECORD_KEY, lorebookOf } from './card-record';
import { cardToCharacter } from './card-to-character';
import { characterToCard, topLevelOmissions, toV2Card, v2TopFields } from './character-to-card';
import { normalizeCard } from './normalize-card';
import { STUDIO_EXTENSION_KEY } from './studio-extension';
import { fullCharacter } from './test-characters';

const read = (raw: unknown, id = 'imported') => cardToCharacter(normalizeCard(raw, 'card.json'), { id, now: '2025-01-01T00:00:00.000Z', source: 'card.json' });
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('studio → card → studio', () => {
  it('keeps every field of a structured character through a V3 card', () => {
    const original = fullCharacter();
    const card = throughJson(characterToCard(original));
    const { character } = read(card, original.id);
    const { extensions, ...rest } = character;
    const { extensions: originalExtensions, ...originalRest } = original;
    expect(rest).toEqual(originalRest);
    expect(extensions.other_app).toEqual(originalExtensions.other_app);
  });

  it('keeps every field through the V2 backfill too (no nickname field there)', () => {
    const original = fullCharacter();
    const { character } = read(throughJson(toV2Card(characterToCard(original), {})), original.id);
    expect(character.nickname).toBe('颦儿');
    expect(character.attributes).toEqual(original.attributes);
    expect(character.exampleDialogues).toEqual(original.exampleDialogues);
  });

  it('writes what other apps read: description, greeting, examples as macros', () => {
    const card = characterToCard(fullCharacter());
    expect(card.spec).toBe('chara_card_v3');
    expect(card.data.name).toBe('林黛玉');
    expect(card.data.nickname).toBe('颦儿');
    expect(card.data.description).toContain('身份：贾府的表小姐');
    expect(card.data.description).not.toContain('大观园');
    expect(card.data.scenario).toBe('大观园，潇湘馆');
    expect(card.data.first_mes).toBe('你来了。');
    expect(card.data.mes_example).toBe('<START>\n{{user}}: 妹妹在做什么？\n{{char}}: 葬花。\n你也来帮我吧。');
    expect(card.data.group_only_greetings).toEqual([]);
    expect((card.data.extensions as Record<string, unknown>)[STUDIO_EXTENSION_KEY]).toBeDefined();
    expect((card.data.extensions as Record<string, unknown>).other_app).toEqual({ theme: 'dark', volume: 3 });
  });

  it('takes the fields another app edited and keeps the rest', () => {
    const card = throughJson(characterToCard(fullCharacter()));
    card.data.first_mes = 'Edited greeting';
    card.data.description = 'Rewritten in another app.';
    const { character } = read(card);
    expect(character.greeting).toBe('Edited greeting');
    expect(character.profileMode).toBe('freeText');
    expect(character.freeTextProfile).toBe('Rewritten in another app.');
    expect(character.attributes.identity).toBe('贾府的表小姐，寄居荣国府');
    expect(character.user).toEqual({ name: '宝玉', info: '衔玉而生的公子' });
  });
});

const foreignV2 = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  name: 'Mira',
  avatar: 'none',
  talkativeness: '0.5',
  data: {
    name: 'Mira',
    description: 'A cartographer who maps dreams.',
    personality: 'curious, blunt',
    scenario: 'A lighthouse at night.',
    first_mes: '*looks up* Oh, a visitor.',
    mes_example: '<START>\n{{user}}: Who are you?\n{{char}}: Mira. I draw maps.\nOf dreams, mostly.\n<START>\nMira: Hello again.',
    creator_notes: 'Be gentle.',
    system_prompt: 'Stay in character.',
    post_history_instructions: 'Keep replies short.',
    alternate_greetings: ['Back so soon?'],
    tags: 'fantasy, maps',
    creator: 'someone',
    character_version: '1.2',
    extensions: { talkativeness: '0.5', depth_prompt: { depth: 4, prompt: 'x' } },
    character_book: { name: 'Lore', entries: [{ keys: 'lighthouse, beacon', content: 'The lighthouse is old.', secondary_keys: 'night', enabled: true, insertion_order: '5' }] },
    unknown_field: { kept: true },
  },
};

describe('card → studio → card', () => {
  it('maps a V2 card onto the CharacterGLM character', () => {
    const { character, warnings } = read(foreignV2);
    expect(warnings).toEqual([]);
    expect(character.name).toBe('Mira');
    expect(character.language).toBe('en');
    expect(character.profileMode).toBe('freeText');
    expect(character.freeTextProfile).toBe('A cartographer who maps dreams.\n\ncurious, blunt');
    expect(character.scenario).toBe('A lighthouse at night.');
    expect(character.greeting).toBe('*looks up* Oh, a visitor.');
    expect(character.alternateGreetings).toEqual(['Back so soon?']);
    expect(character.tags).toEqual(['fantasy', 'maps']);
    expect(character.exampleDialogues).toEqual([
      [{ speaker: 'user', text: 'Who are you?' }, { speaker: 'character', text: 'Mira. I draw maps.\nOf dreams, mostly.' }],
      [{ speaker: 'character', text: 'Hello again.' }],
    ]);
    expect(character.extensions.depth_prompt).toEqual({ depth: 4, prompt: 'x' });
    const book = lorebookOf(character);
    expect(book?.entries[0]?.keys).toEqual(['lighthouse', 'beacon']);
    expect(book?.entries[0]?.secondary_keys).toEqual(['night']);
    expect(book?.entries[0]?.insertion_order).toBe(5);
  });

  it('writes an unedited imported card back with its own texts, unknown fields and extensions', () => {
    const { character } = read(foreignV2);
    const card = characterToCard(character);
    expect(card.data.description).toBe(foreignV2.data.description);
    expect(card.data.personality).toBe(foreignV2.data.personality);
    expect(card.data.mes_example).toBe(foreignV2.data.mes_example);
    expect(card.data.system_prompt).toBe('Stay in character.');
    expect(card.data.post_history_instructions).toBe('Keep replies short.');
    expect(card.data.creator).toBe('someone');
    expect(card.data.character_version).toBe('1.2');
    expect(card.data.unknown_field).toEqual({ kept: true });
    // V3 allows no app fields at the top level: they stay in the studio and ride only in the V2 chunk.
    expect(Object.keys(card).sort()).toEqual(['data', 'spec', 'spec_version']);
    expect(toV2Card(card, v2TopFields(character))).toMatchObject({ avatar: 'none', talkativeness: '0.5' });
    expect(topLevelOmissions(character).map((o) => o.name)).toEqual(['avatar', 'talkativeness']);
    const extensions = card.data.extensions as Record<string, unknown>;
    expect(extensions.depth_prompt).toEqual({ depth: 4, prompt: 'x' });
    expect(extensions[CARD_RECORD_KEY]).toBeUndefined();
    expect((card.data.character_book as { entries: unknown[] }).entries).toHaveLength(1);
  });

  it('re-formats the texts once the writer edits the profile', () => {
    const { character } = read(foreignV2);
    const card = characterToCard({ ...character, freeTextProfile: 'A new profile.' });
    expect(card.data.description).toBe('A new profile.');
    expect(card.data.personality).toBe('');
  });
});

describe('lenient reading', () => {
  it('reads a V1 card and keeps its unknown top-level keys for the top of the V2 chunk', () => {
    const { character } = read({ name: 'Old', description: 'd', first_mes: 'hi', mes_example: '', chat: 'x' });
    expect(character.greeting).toBe('hi');
    const card = characterToCard(character);
    expect(card.chat).toBeUndefined();
    expect(toV2Card(card, v2TopFields(character)).chat).toBe('x');
  });

  it('refreshes a stale top-level tags mirror in the V2 chunk', () => {
    const { character } = read({ ...foreignV2, tags: ['old'] });
    const v2 = toV2Card(characterToCard({ ...character, tags: ['new'] }), v2TopFields({ ...character, tags: ['new'] }));
    expect(v2.tags).toEqual(['new']);
    expect(v2.data.tags).toEqual(['new']);
  });

  it('reads TavernAI field names', () => {
    const { character } = read({ char_name: 'Legacy', char_persona: 'p', char_greeting: 'g', world_scenario: 's', example_dialogue: '<START>\nYou: hi' });
    expect(character.name).toBe('Legacy');
    expect(character.greeting).toBe('g');
    expect(character.scenario).toBe('s');
  });

  it('accepts a V3 card without group_only_greetings and with nulls and numbers', () => {
    const { character } = read({ spec: 'chara_card_v3', spec_version: '3.0', data: { name: '阿月', description: null, first_mes: 42, tags: null, extensions: null } });
    expect(character.greeting).toBe('42');
    expect(character.language).toBe('zh');
  });

  it('names the file and field it cannot read', () => {
    expect(() => read({ spec: 'chara_card_v2', data: { name: 'X', description: { nested: true } } })).toThrow(/card\.json: data\.description/);
    expect(() => read({ spec: 'chara_card_v2', data: { description: 'no name' } })).toThrow(/card\.json: the card has no name/);
    expect(() => read([1, 2])).toThrow(/card\.json: a character card must be a JSON object/);
    expect(() => read({ spec: 'chara_card_v2', data: { name: 'X', alternate_greetings: ['x'.repeat(6000)] } })).toThrow(/alternate_greetings\[0\]/);
  });

  it('warns about a card from a newer spec but reads it', () => {
    const { warnings } = read({ spec: 'chara_card_v3', spec_version: '3.5', data: { name: 'Z' } });
    expect(warnings.join()).toMatch(/3\.5/);
  });

  it('ignores a damaged studio extension and says so', () => {
    const { character, warnings } = read({ spec: 'chara_card_v3', data: { name: 'Z', first_mes: 'g', extensions: { [STUDIO_EXTENSION_KEY]: { version: 1, character: { name: 5 } } } } });
    expect(character.greeting).toBe('g');
    expect(warnings.join()).toMatch(/does not match/);
  });
});
