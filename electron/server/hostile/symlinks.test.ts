import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../host/studio';
import { useTempDir } from '../../test-support/temp-dir';

// Issue 12, item 7: links planted inside the library were followed. Torn-line recovery truncated a file
// outside the library through a linked chat, and a linked avatar sent back the outside file's bytes.
// Each case here plants a link to a folder beside the library, drives the real services, and proves the
// outside files are untouched, the refusal names the file, and the studio still answers.

const tempDir = useTempDir('studio-symlinks-');

interface Fixture {
  studio: Studio;
  characterId: string;
  chatId: string;
  charDir: string;
  outside: string;
}

async function fixture(): Promise<Fixture> {
  const base = await tempDir();
  const outside = join(base, 'outside');
  await mkdir(outside);
  const studio = await createStudio({ dataDir: join(base, 'library'), transport: 'serve' });
  const character = await studio.services.characters.create({ name: 'Tea house', language: 'en', greeting: 'Welcome in.' });
  const chat = await studio.services.chat.create(character.id, 'First visit');
  return { studio, characterId: character.id, chatId: chat.id, charDir: join(base, 'library', 'characters', character.id), outside };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected a refusal');
  return error.message;
}

/** The studio still lists its characters and the character's chats. */
async function stillAnswers(f: Fixture): Promise<void> {
  expect((await f.studio.services.characters.list()).map((c) => c.id)).toContain(f.characterId);
  expect(Array.isArray(await f.studio.services.chat.list(f.characterId))).toBe(true);
}

async function withFixture(test: (f: Fixture) => Promise<void>): Promise<void> {
  const f = await fixture();
  try {
    await test(f);
  } finally {
    await f.studio.dispose();
  }
}

describe('links inside the library that lead outside', () => {
  it('a chat linked to an outside file with a torn last line: opening it neither truncates nor appends to that file', () =>
    withFixture(async (f) => {
      const victim = join(f.outside, 'diary.jsonl');
      const chatFile = join(f.charDir, 'chats', `${f.chatId}.jsonl`);
      const header = (await readFile(chatFile, 'utf8')).split('\n')[0]!;
      const content = `${header}\n{"t":"title","title":"unfinished`;
      await writeFile(victim, content);
      await rm(chatFile);
      await symlink(victim, chatFile);
      const named = `characters/${f.characterId}/chats/${f.chatId}.jsonl leads outside the library through a link`;

      expect(await refusal(f.studio.services.chat.get(f.characterId, f.chatId))).toBe(named);
      expect(await refusal(f.studio.services.chat.rename(f.characterId, f.chatId, 'x'))).toBe(named);
      expect((await f.studio.services.chat.list(f.characterId)).find((c) => c.id === f.chatId)?.problem).toBe(named);
      expect(await readFile(victim, 'utf8')).toBe(content);
      expect(await readdir(f.outside)).toEqual(['diary.jsonl']);
      await stillAnswers(f);
    }));

  it('a linked avatar: its bytes are not sent back', () =>
    withFixture(async (f) => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      await f.studio.services.characters.setAvatar(f.characterId, png, 'test');
      const secret = join(f.outside, 'secret.key');
      await writeFile(secret, 'not for the wire');
      await rm(join(f.charDir, 'avatar.png'));
      await symlink(secret, join(f.charDir, 'avatar.png'));

      expect(await refusal(f.studio.services.characters.readAvatar(f.characterId))).toBe(
        `characters/${f.characterId}/avatar.png leads outside the library through a link`,
      );
      expect(await refusal(f.studio.services.characters.duplicate(f.characterId))).toContain('leads outside the library through a link');
      await stillAnswers(f);
    }));

  it('a linked character.json: it is neither read nor written through', () =>
    withFixture(async (f) => {
      const character = await f.studio.services.characters.get(f.characterId);
      const victim = join(f.outside, 'other-app.json');
      const content = `${JSON.stringify({ ...character, name: 'Outside' }, null, 2)}\n`;
      await writeFile(victim, content);
      await rm(join(f.charDir, 'character.json'));
      await symlink(victim, join(f.charDir, 'character.json'));
      const named = `characters/${f.characterId}/character.json leads outside the library through a link`;

      expect(await refusal(f.studio.services.characters.get(f.characterId))).toBe(`${named} (left untouched)`);
      expect(await refusal(f.studio.services.characters.save({ ...character, name: 'Changed' }))).toBe(`${named} (left untouched)`);
      expect((await f.studio.services.characters.list()).find((c) => c.id === f.characterId)?.problem).toBe(named);
      expect(await readFile(victim, 'utf8')).toBe(content);
      await stillAnswers(f);
    }));

  it('a linked chats, datasets or adapters folder, and a dangling link to a file that does not exist yet', () =>
    withFixture(async (f) => {
      await writeFile(join(f.outside, 'elsewhere.jsonl'), '{}\n');
      await rm(join(f.charDir, 'chats'), { recursive: true });
      await symlink(f.outside, join(f.charDir, 'chats'));
      await symlink(f.outside, join(f.charDir, 'datasets'));
      await symlink(f.outside, join(f.charDir, 'adapters'));
      await symlink(join(f.outside, 'planted.jsonl'), join(f.charDir, 'corrections.jsonl'));
      const id = f.characterId;

      expect(await refusal(f.studio.services.chat.list(id))).toBe(`characters/${id}/chats leads outside the library through a link`);
      expect(await refusal(f.studio.services.chat.create(id))).toContain(`characters/${id}/chats/`);
      expect(await refusal(f.studio.services.training.datasets.list(id))).toBe(`characters/${id}/datasets leads outside the library through a link`);
      expect(await refusal(f.studio.services.training.adapters.list(id))).toBe(`characters/${id}/adapters leads outside the library through a link`);
      expect(await refusal(f.studio.services.chat.correctionsView(id))).toBe(`characters/${id}/corrections.jsonl leads outside the library through a link`);
      expect((await readdir(f.outside)).sort()).toEqual(['elsewhere.jsonl']);
      expect((await f.studio.services.characters.list()).map((c) => c.id)).toContain(id);
    }));
});

describe('links that stay inside the library', () => {
  it('are followed: a chat linked to another chat file of the library opens', () =>
    withFixture(async (f) => {
      const chats = join(f.charDir, 'chats');
      const copy = await f.studio.services.chat.create(f.characterId, 'Second visit');
      await rm(join(chats, `${copy.id}.jsonl`));
      await symlink(join(chats, `${f.chatId}.jsonl`), join(chats, `${copy.id}.jsonl`));
      expect((await f.studio.services.chat.get(f.characterId, copy.id)).title).toBe('First visit');
    }));
});
