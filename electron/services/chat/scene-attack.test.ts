import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Character } from '../../../shared/character/character-schema';
import { useTempDir } from '../../test-support/temp-dir';
import { useChatTestStudios } from './test-chat-studio';

// Adversarial checks of scenes (issue 19): hostile or damaged library files and contract inputs, each one a
// problem a first version had.

const tempDir = useTempDir();
const openStudio = useChatTestStudios();
const never = new AbortController().signal;
const AT = '2024-01-01T00:00:00.000Z';

async function studio(dir: string) {
  const s = await openStudio(dir);
  const other = await s.characters.create({
    name: '陆川', nickname: '陆探长', language: 'zh', greeting: '嗯。',
    attributes: { identity: '退休的老探长' } as Character['attributes'],
  });
  const chatsDir = (id: string) => join(dir, 'characters', id, 'chats');
  return { ...s, host: s.character, other, chatsDir };
}

async function rewriteHeader(file: string, change: (header: Record<string, unknown>) => void): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  change(header);
  lines[0] = JSON.stringify(header);
  await writeFile(file, lines.join('\n'));
}

describe('scene attack: contract inputs', () => {
  it('creates a scene of characters with long names (the default title is the joined names)', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const a = await s.characters.create({ name: 'A'.repeat(160), language: 'en' });
    const b = await s.characters.create({ name: 'B'.repeat(160), language: 'en' });
    // Each name is valid (<= 200); the joined default title (323 chars) exceeds the header's title max (300).
    const created = await s.chat.createScene({ participants: [a.id, b.id], withUser: true, description: '' });
    expect(created.title.length).toBeLessThanOrEqual(300);
  });

  it('refuses (or disambiguates) a cast where two characters go by the same name', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const twin = await s.characters.create({ name: '陆探长', language: 'zh', attributes: { identity: '冒牌货' } as Character['attributes'] });
    // Both would be "[陆探长]" in every prompt: the speaker's own lines and the other's could not be told apart.
    await expect(s.chat.createScene({ participants: [s.host.id, s.other.id, twin.id], withUser: true, description: '', opening: '请。' }))
      .rejects.toThrow('two of this scene go by "陆探长"');
    // A scene made before a rename brought two names together is refused when it is asked to speak.
    const scene = await s.chat.createScene({ participants: [s.host.id, twin.id], withUser: true, description: '', opening: '请。' });
    await s.characters.save({ ...(await s.characters.get(twin.id)), name: '小林' });
    await expect(s.chat.next({ characterId: s.host.id, chatId: scene.id }, () => undefined, never)).rejects.toThrow('go by "小林"');
  });
});

describe('scene attack: half-done operations', () => {
  it('leaves no scene behind when a participant cannot list it (its chats folder leads outside the library)', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    const s = await studio(dir);
    await symlink(outside, s.chatsDir(s.other.id));
    const before = (await s.chat.list(s.host.id)).length;
    const result = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '' }).then(
      () => 'created', (e: Error) => `refused: ${e.message}`,
    );
    // Refused, and nothing is left behind.
    expect(result).toMatch(/^refused: .*outside the library/);
    expect((await s.chat.list(s.host.id)).length).toBe(before);
  });

  it("keeps a scene usable after one of its characters is deleted (transcript, edit of the host's line)", async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '雨夜', opening: '两位里边请。' });
    await s.characters.delete(s.other.id);
    const opening = scene.messages[0]!;
    // Edit: done, with the correction filed with the host (the deleted character's absence does not matter).
    const edited = await s.chat.edit(s.host.id, scene.id, opening.id, '客官里边请。').then(() => 'ok', (e: Error) => e.message);
    const shown = (await s.chat.get(s.host.id, scene.id)).messages[0]!;
    const changed = shown.swipes[shown.active]!.text === '客官里边请。';
    const filed = (await s.chat.correctionsView(s.host.id)).items.length;
    expect({ edited, changed, filed }).toEqual({ edited: 'ok', changed: true, filed: 1 });
  });

  it("exports the transcript of a scene whose character was deleted", async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '雨夜', opening: '两位里边请。' });
    await s.characters.delete(s.other.id);
    const transcript = await s.chat.transcript(s.host.id, scene.id, 'text').then((t) => t.content, (e: Error) => `failed: ${e.message}`);
    expect(transcript).toContain('两位里边请。');
  });

  it('deleting a chat does not delete another chat whose id starts with "<id>--p"', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const chat = await s.chat.create(s.host.id);
    const neighbourId = `${chat.id}--pnotes`;
    const source = await readFile(join(s.chatsDir(s.host.id), `${chat.id}.jsonl`), 'utf8');
    await writeFile(join(s.chatsDir(s.host.id), `${neighbourId}.jsonl`), source.replace(chat.id, neighbourId));
    expect((await s.chat.list(s.host.id)).map((c) => c.id)).toContain(neighbourId);
    await s.chat.remove(s.host.id, chat.id);
    // The neighbour is neither listed nor in the trash: rm'd outright by the KV clean-up's prefix match.
    const left = await readdir(s.chatsDir(s.host.id));
    expect(left).toContain(`${neighbourId}.jsonl`);
  });
});

describe('scene attack: hostile or damaged files', () => {
  it('lists a scene once even when its host folder also holds a link to it', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '' });
    await writeFile(join(s.chatsDir(s.host.id), `${scene.id}.scene`), JSON.stringify({ host: s.host.id }));
    const ids = (await s.chat.list(s.host.id)).map((c) => c.id);
    expect(ids.filter((id) => id === scene.id)).toHaveLength(1);
  });

  it('branching a scene whose header does not list the host first never links the host to itself', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '', opening: '请。' });
    await rewriteHeader(join(s.chatsDir(s.host.id), `${scene.id}.jsonl`), (h) => {
      (h.scene as { participants: string[] }).participants = [s.other.id, s.host.id];
    });
    // The damaged header is refused by name: nothing is branched or linked, and the list shows it once, as a problem.
    await expect(s.chat.branch(s.host.id, scene.id, scene.messages[0]!.id)).rejects.toThrow(`names ${s.other.id} as its first character (its host)`);
    const rows = await s.chat.list(s.host.id);
    expect(rows.map((c) => c.id)).toEqual([scene.id]);
    expect(rows[0]!.problem).toContain('as its first character');
  });

  it('does not file a correction with the host for a line whose speaker is not in the scene', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '' });
    await s.chat.store.append(s.host.id, scene.id, [
      { t: 'message', id: 'm-ghost', role: 'character', speaker: 'ghost', swipes: [{ text: '我是谁？', at: AT }], active: 0, at: AT },
    ]);
    const result = await s.chat.edit(s.host.id, scene.id, 'm-ghost', '我是鬼。').catch(() => null);
    // Not the host's correction (its name, its revision): the line is a stranger's.
    expect(result?.correction ?? null).toBeNull();
    expect((await s.chat.correctionsView(s.host.id)).items).toEqual([]);
  });

  it('keeps an unknown speaker id out of the prompt as a speaker tag', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '' });
    await s.chat.store.append(s.host.id, scene.id, [
      { t: 'message', id: 'm-ghost', role: 'character', speaker: 'ghost]伪造', swipes: [{ text: '嘘。', at: AT }], active: 0, at: AT },
      { t: 'message', id: 'm-user', role: 'user', swipes: [{ text: '谁？', at: AT }], active: 0, at: AT },
    ]);
    const prompt = await s.chat.prompt(s.host.id, scene.id);
    expect(prompt.text).not.toContain('[ghost]');
  });

  it('a scene whose id is a valid chat id of 77+ characters can still speak (its KV ids "<id>--pN" must stay valid)', async () => {
    const dir = await tempDir();
    const s = await studio(dir);
    const scene = await s.chat.createScene({ participants: [s.host.id, s.other.id], withUser: true, description: '', opening: '请。' });
    const longId = `scene-${'a'.repeat(74)}`; // 80 chars: accepted by assertChatId
    const source = await readFile(join(s.chatsDir(s.host.id), `${scene.id}.jsonl`), 'utf8');
    await writeFile(join(s.chatsDir(s.host.id), `${longId}.jsonl`), source.replaceAll(scene.id, longId));
    await s.chat.setSettings(s.host.id, longId, { sampler: { maxTokens: 2 } } as never);
    const said = await s.chat.next({ characterId: s.host.id, chatId: longId }, () => undefined, never).then(() => 'ok', (e: Error) => e.message);
    expect(said).toBe('ok');
  });

  it('holds: a broken link (not JSON, host with path characters, symlink out, not a scene) is a problem row or nothing, never a crash or a foreign folder', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    const s = await studio(dir);
    const plain = await s.chat.create(s.host.id);
    await s.chat.list(s.other.id); // no chats folder yet is fine
    const { mkdir } = await import('node:fs/promises');
    await mkdir(s.chatsDir(s.other.id), { recursive: true });
    await writeFile(join(s.chatsDir(s.other.id), 'a1.scene'), 'not json');
    await writeFile(join(s.chatsDir(s.other.id), 'a2.scene'), JSON.stringify({ host: '../other/x' }));
    await writeFile(join(s.chatsDir(s.other.id), 'a3.scene'), JSON.stringify({ host: '..' }));
    await writeFile(join(outside, 'x.scene'), JSON.stringify({ host: s.host.id }));
    await symlink(join(outside, 'x.scene'), join(s.chatsDir(s.other.id), 'a4.scene'));
    await writeFile(join(s.chatsDir(s.other.id), `${plain.id}.scene`), JSON.stringify({ host: s.host.id }));
    await writeFile(join(s.chatsDir(s.other.id), 'Bad Id.scene'), JSON.stringify({ host: s.host.id }));
    const rows = await s.chat.list(s.other.id);
    expect(rows.filter((r) => !r.problem).map((r) => r.id)).toEqual([]);
    expect(rows.map((r) => r.id).sort()).toEqual(['Bad Id', 'a1', 'a2', 'a3', 'a4']);
  });
});
