import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { CharacterLibrary } from './character-library';

const tempDir = useTempDir('studio-characters-');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function library() {
  const root = await tempDir();
  let t = Date.parse('2024-01-01T00:00:00.000Z');
  const lib = new CharacterLibrary(join(root, 'characters'), join(root, 'trash'), () => new Date((t += 1000)));
  const changes: string[] = [];
  lib.onChange((c) => changes.push(`${c.kind}:${c.ids.join(',')}`));
  return { root, lib, changes };
}

describe('CharacterLibrary', () => {
  it('creates a folder per character with a readable id, and lists it', async () => {
    const { root, lib, changes } = await library();
    const a = await lib.create({ name: '林若溪', tags: ['茶'] });
    const b = await lib.create({ name: '林若溪' });
    expect([a.id, b.id]).toEqual(['林若溪', '林若溪-2']);
    expect(await readdir(join(root, 'characters'))).toEqual(['林若溪', '林若溪-2']);
    const onDisk = JSON.parse(await readFile(join(root, 'characters', a.id, 'character.json'), 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: 1, id: '林若溪', name: '林若溪', revision: 0, tags: ['茶'] });
    expect((await lib.list()).map((c) => c.id).sort()).toEqual(['林若溪', '林若溪-2']);
    expect(changes).toEqual(['created:林若溪', 'created:林若溪-2']);
  });

  it('increases the revision on every save and refuses a save made against an old revision', async () => {
    const { lib } = await library();
    const a = await lib.create({ name: 'A' });
    const saved = await lib.save({ ...a, greeting: 'hi' });
    expect(saved.revision).toBe(1);
    expect(saved.modifiedAt > a.modifiedAt).toBe(true);
    expect(saved.createdAt).toBe(a.createdAt);
    expect((await lib.save({ ...saved, greeting: 'hello' })).revision).toBe(2);
    await expect(lib.save({ ...a, greeting: 'stale' })).rejects.toThrow('A was changed elsewhere (revision 2 on disk, 0 here)');
    expect((await lib.get(a.id)).greeting).toBe('hello');
  });

  it('keeps unknown top-level fields of the file through a save', async () => {
    const { root, lib } = await library();
    const a = await lib.create({ name: 'A' });
    const file = join(root, 'characters', a.id, 'character.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), otherApp: { mood: 3 } }));
    await lib.save({ ...(await lib.get(a.id)), greeting: 'x' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ otherApp: { mood: 3 }, greeting: 'x' });
  });

  it('reports an invalid or newer file by name, never writes it, and still loads the rest', async () => {
    const { root, lib } = await library();
    await lib.create({ name: 'Good' });
    const broken = join(root, 'characters', 'broken');
    const newer = join(root, 'characters', 'future');
    await mkdir(broken);
    await mkdir(newer);
    await writeFile(join(broken, 'character.json'), '{"schemaVersion": 1, "name": ');
    const futureText = JSON.stringify({ schemaVersion: 9, id: 'future', name: 'F', hologram: true });
    await writeFile(join(newer, 'character.json'), futureText);
    const list = await lib.list();
    expect(list.find((c) => c.id === 'good')?.problem).toBeUndefined();
    expect(list.find((c) => c.id === 'broken')?.problem).toMatch(/^characters\/broken\/character\.json: not valid JSON/);
    expect(list.find((c) => c.id === 'future')?.problem).toBe(
      'characters/future/character.json: schemaVersion 9 is newer than this studio understands (1); update the studio to open it',
    );
    await expect(lib.get('future')).rejects.toThrow('(left untouched)');
    const asIfLoaded = { ...(await lib.get('good')), id: 'future' };
    await expect(lib.save(asIfLoaded)).rejects.toThrow(/newer than this studio/);
    await expect(lib.setAvatar('future', PNG, 'a.png')).rejects.toThrow(/newer than this studio/);
    expect(await readFile(join(newer, 'character.json'), 'utf8')).toBe(futureText);
  });

  it('migrates an unversioned file in memory and keeps the original as a backup on the first save', async () => {
    const { root, lib } = await library();
    const dir = join(root, 'characters', 'zhang');
    await mkdir(dir, { recursive: true });
    const v0 = JSON.stringify({ bot_name: '张起灵', bot_info: '张家族长', user_name: '用户', user_info: null, greeting: '嗯？' });
    await writeFile(join(dir, 'character.json'), v0);
    const loaded = await lib.get('zhang');
    expect(loaded).toMatchObject({ name: '张起灵', profileMode: 'freeText', freeTextProfile: '张家族长', greeting: '嗯？' });
    expect(await readFile(join(dir, 'character.json'), 'utf8')).toBe(v0);
    await lib.save({ ...loaded, tags: ['盗墓'] });
    expect(await readFile(join(dir, 'character.v0.backup.json'), 'utf8')).toBe(v0);
    expect(JSON.parse(await readFile(join(dir, 'character.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, tags: ['盗墓'] });
  });

  it('duplicates a character with its avatar under a new id and name', async () => {
    const { lib } = await library();
    const a = await lib.setAvatar((await lib.create({ name: '陆沉', greeting: '说吧' })).id, PNG, 'face.png');
    const en = await lib.create({ name: 'Mira', language: 'en' });
    const copy = await lib.duplicate(a.id);
    expect(copy).toMatchObject({ name: '陆沉（副本）', greeting: '说吧', revision: 0, avatar: 'avatar.png' });
    expect(copy.id).not.toBe(a.id);
    expect(new Uint8Array((await lib.readAvatar(copy.id))!.bytes)).toEqual(PNG);
    expect((await lib.duplicate(en.id)).name).toBe('Mira (copy)');
  });

  it('refuses avatars that are not images or too large, naming the source', async () => {
    const { lib } = await library();
    const a = await lib.create({ name: 'A' });
    await expect(lib.setAvatar(a.id, new TextEncoder().encode('hello'), 'notes.txt')).rejects.toThrow('notes.txt: not a PNG, JPEG, GIF or WebP image');
    await expect(lib.setAvatar(a.id, new Uint8Array(9 * 1024 * 1024), 'huge.png')).rejects.toThrow('huge.png: 9.0 MB is too large for an avatar');
    const withJpeg = await lib.setAvatar(a.id, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]), 'p.jpg');
    expect(withJpeg.avatar).toBe('avatar.jpg');
    expect((await lib.readAvatar(a.id))?.mediaType).toBe('image/jpeg');
    expect((await lib.removeAvatar(a.id)).avatar).toBeNull();
    expect(await lib.readAvatar(a.id)).toBeNull();
  });

  it('deletes to the trash with everything in the folder, and restores it', async () => {
    const { root, lib, changes } = await library();
    const a = await lib.create({ name: 'A' });
    await mkdir(join(root, 'characters', a.id, 'chats'));
    await writeFile(join(root, 'characters', a.id, 'chats', 'one.jsonl'), '{"x":1}\n');
    const entry = await lib.delete(a.id);
    expect(entry).toMatchObject({ id: 'a', name: 'A' });
    expect(await lib.list()).toEqual([]);
    expect(await lib.trash.list()).toEqual([entry]);
    const restored = await lib.restore(entry.trashId);
    expect(restored).toMatchObject({ id: 'a', name: 'A' });
    expect(await readFile(join(root, 'characters', 'a', 'chats', 'one.jsonl'), 'utf8')).toBe('{"x":1}\n');
    expect(await lib.trash.list()).toEqual([]);
    expect(changes.slice(-2)).toEqual(['deleted:a', 'restored:a']);
  });

  it('restores under a new id when the old one was taken meanwhile, and purges for good', async () => {
    const { lib } = await library();
    const a = await lib.create({ name: 'A' });
    const entry = await lib.delete(a.id);
    await lib.create({ name: 'A' });
    const restored = await lib.restore(entry.trashId);
    expect(restored.id).toBe('a-2');
    expect((await lib.get('a-2')).id).toBe('a-2');
    const again = await lib.delete('a-2');
    await lib.purge(again.trashId);
    expect(await lib.trash.list()).toEqual([]);
    await expect(lib.restore(again.trashId)).rejects.toThrow(`nothing called "${again.trashId}" in the trash`);
  });

  it('finds a character by id or exact name, and says when a name is ambiguous', async () => {
    const { lib } = await library();
    await lib.create({ name: 'Mira Voss', nickname: 'Captain' });
    expect((await lib.resolve('mira-voss')).name).toBe('Mira Voss');
    expect((await lib.resolve('Mira Voss')).id).toBe('mira-voss');
    expect((await lib.resolve('Captain')).id).toBe('mira-voss');
    await lib.create({ name: 'Mira Voss' });
    await expect(lib.resolve('Mira Voss')).rejects.toThrow('several characters are called "Mira Voss": ');
    await expect(lib.resolve('nobody')).rejects.toThrow('no character with id or name "nobody"');
  });

  it('imports all or nothing', async () => {
    const { lib } = await library();
    const good = { character: { ...(await lib.create({ name: 'Seed' })), name: 'One' } };
    const bad = { character: { ...good.character, name: 'Two' }, avatar: { bytes: new TextEncoder().encode('not an image') } };
    await expect(lib.addImported([good, bad], 'pack.json')).rejects.toThrow('pack.json: Two: avatar: not a PNG');
    expect((await lib.list()).map((c) => c.name)).toEqual(['Seed']);
    const added = await lib.addImported([good, { character: { ...good.character, name: 'Two' }, files: [{ path: 'chats/a.jsonl', bytes: new Uint8Array([1]) }] }], 'pack.json');
    expect(added.map((c) => [c.id, c.revision])).toEqual([['one', 0], ['two', 0]]);
    await expect(lib.addImported([{ ...good, files: [{ path: '../evil', bytes: new Uint8Array() }] }], 'x')).rejects.toThrow('"../evil" points outside');
  });
});
