import { describe, expect, it } from 'vitest';
import { renderBotInfo } from '../render-profile';
import { migrateCharacter, type CharacterMigration } from './migrate-character';

const ctx = { id: 'zhang', now: '2024-05-01T00:00:00.000Z' };

describe('migrateCharacter', () => {
  it('takes an unversioned official CharacterGLM entry to v1 with the profile as free text', () => {
    const outcome = migrateCharacter(
      { bot_name: '张起灵', bot_info: '张家族长。\n寡言少语。', user_name: '', user_info: null, greeting: '嗯？', mood: 'calm' },
      ctx,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.fromVersion).toBe(0);
    expect(outcome.character).toMatchObject({
      schemaVersion: 1,
      id: 'zhang',
      name: '张起灵',
      nickname: '',
      profileMode: 'freeText',
      user: { name: '用户', info: '' },
      greeting: '嗯？',
      createdAt: ctx.now,
      modifiedAt: ctx.now,
    });
    expect(renderBotInfo(outcome.character)).toBe('张家族长。\n寡言少语。');
    // Consumed official fields are not kept twice; fields nobody knows are.
    expect(outcome.unknownFields).toEqual({ mood: 'calm' });
  });

  it('keeps a differing bot_name as the nickname', () => {
    const outcome = migrateCharacter({ name: '苏婉嫣', bot_name: '婉嫣', bot_info: 'x' }, ctx);
    expect(outcome.ok && outcome.character.nickname).toBe('婉嫣');
  });

  it('takes an unversioned studio draft to v1, keeping its fields and times', () => {
    const outcome = migrateCharacter(
      { name: 'Mira', language: 'en', attributes: { interests: ['stars'] }, createdAt: '2023-01-01T00:00:00.000Z' },
      ctx,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.character.attributes.interests).toEqual(['stars']);
    expect(outcome.character.createdAt).toBe('2023-01-01T00:00:00.000Z');
    expect(outcome.character.modifiedAt).toBe('2023-01-01T00:00:00.000Z');
  });

  it('loads a current file unchanged, with the folder id winning over a stale id', () => {
    const outcome = migrateCharacter(
      { schemaVersion: 1, id: 'old', name: 'A', createdAt: 'c', modifiedAt: 'm', revision: 4, extra: [1] },
      ctx,
    );
    expect(outcome).toMatchObject({ ok: true, fromVersion: 1, character: { id: 'zhang', revision: 4 }, unknownFields: { extra: [1] } });
  });

  it('refuses a newer version, naming both versions', () => {
    const outcome = migrateCharacter({ schemaVersion: 7, name: 'A' }, ctx);
    expect(outcome).toMatchObject({ ok: false, reason: 'newer', version: 7 });
    expect(!outcome.ok && outcome.message).toContain('schemaVersion 7 is newer than this studio understands (1)');
  });

  it('names the invalid field', () => {
    expect(migrateCharacter({ schemaVersion: 1, name: '', createdAt: 'c', modifiedAt: 'm' }, ctx)).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: 'name: a character needs a name',
    });
    expect(migrateCharacter({ schemaVersion: 'one' }, ctx)).toMatchObject({ ok: false, message: 'schemaVersion: must be a whole number' });
    expect(migrateCharacter([1, 2], ctx)).toMatchObject({ ok: false, message: 'not a JSON object' });
  });

  it('chains steps in order, so a later v2 only appends one step', () => {
    const steps: CharacterMigration[] = [
      { from: 0, migrate: (raw) => ({ ...raw, schemaVersion: 1, trail: ['0→1'] }) },
      { from: 1, migrate: (raw) => ({ ...raw, schemaVersion: 2, trail: [...((raw.trail as string[] | undefined) ?? []), '1→2'] }) },
    ];
    const seen: unknown[] = [];
    const spy = steps.map((s) => ({ ...s, migrate: (raw: Record<string, unknown>, c: typeof ctx) => (seen.push(s.from), s.migrate(raw, c)) }));
    // Pretend the studio is at v2: an unversioned file runs both steps, a v1 file only the second.
    migrateCharacter({ name: 'A' }, ctx, spy, 2);
    expect(seen).toEqual([0, 1]);
    seen.length = 0;
    migrateCharacter({ schemaVersion: 1, name: 'A' }, ctx, spy, 2);
    expect(seen).toEqual([1]);
    // The real chain ends at v1, so its output is validated against today's schema.
    expect(migrateCharacter({ name: 'A', createdAt: 'c', modifiedAt: 'm' }, ctx, steps, 1)).toMatchObject({ ok: true, unknownFields: { trail: ['0→1'] } });
    expect(migrateCharacter({ name: 'A' }, ctx, [], 1)).toMatchObject({ ok: false, message: 'no migration from schemaVersion 0' });
  });
});
