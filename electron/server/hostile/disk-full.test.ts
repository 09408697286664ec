import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatPacket } from '../../../shared/contract/domains/chat';
import { toWireError } from '../../../shared/contract/errors';
import { createStudio, type Studio } from '../../host/studio';
import { diskFaults } from '../../services/fs/test-support/faulty-writes';
import { useTempDir } from '../../test-support/temp-dir';

// Issue 12, item 5: a chat append on a full disk used to be saved torn without an error, and the torn
// line was later moved to `.torn` — the message was gone. Here the real services (createStudio) write to
// a disk that really fills up (a 1 MiB tmpfs, where this machine lets the test mount one) and, always, to
// one whose writes fail with ENOSPC injected at the file layer.

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const { openWithFaults } = await import('../../services/fs/test-support/faulty-writes');
  return { ...real, open: openWithFaults(real.open) };
});

/** A chat of "Tea house" in a studio on `dataDir`, and where its file is. */
async function teaHouse(dataDir: string): Promise<{ studio: Studio; characterId: string; chatId: string; file: string }> {
  const studio = await createStudio({ dataDir, transport: 'serve' });
  const character = await studio.services.characters.create({ name: 'Tea house', language: 'en', greeting: 'Welcome in.' });
  const chat = await studio.services.chat.create(character.id, 'Tea house');
  const file = join(dataDir, 'characters', character.id, 'chats', `${chat.id}.jsonl`);
  return { studio, characterId: character.id, chatId: chat.id, file };
}

/** Sends a user message and returns the error it failed with, and the packets it emitted. */
async function failedSend(studio: Studio, characterId: string, chatId: string, text: string): Promise<{ error: Error; packets: ChatPacket[] }> {
  const packets: ChatPacket[] = [];
  const error: unknown = await studio.services.chat
    .send({ characterId, chatId, text }, (p) => packets.push(p), new AbortController().signal)
    .then(() => null, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('the send was expected to fail');
  return { error, packets };
}

/** The chat as the studio reads it back, and whether anything was set aside as torn. */
async function readBack(studio: Studio, characterId: string, chatId: string, file: string) {
  const chat = await studio.services.chat.get(characterId, chatId);
  const names = await readdir(join(file, '..'));
  return { chat, torn: names.filter((n) => n.endsWith('.torn')) };
}

function mountSmallTmpfs(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return ((error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message).split('\n')[0]!;
  }
}

describe('a chat on a disk that really fills up (1 MiB tmpfs)', () => {
  let mountPoint = '';
  let skipReason: string | null = null;

  beforeAll(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'studio-disk-full-'));
    skipReason = process.platform === 'linux' ? mountSmallTmpfs(mountPoint) : `mount -t tmpfs is Linux only (here: ${process.platform})`;
    if (skipReason) console.log(`disk-full: skipping the tmpfs case, cannot mount one: ${skipReason}`);
  });
  afterAll(async () => {
    if (!skipReason) execFileSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('refuses the message by name, keeps the file byte-identical, and saves whole once space is freed', async (context) => {
    if (skipReason) context.skip();
    const { studio, characterId, chatId, file } = await teaHouse(join(mountPoint, 'library'));
    try {
      const before = await readFile(file);
      // Fill every free page; the filler's own ENOSPC is the point.
      const filler = join(mountPoint, 'filler');
      await writeFile(filler, Buffer.alloc(2 * 1024 * 1024, 1)).catch((e: NodeJS.ErrnoException) => expect(e.code).toBe('ENOSPC'));
      // Larger than the slack in the file's last page, so the kernel takes part of it and then refuses.
      const text = `A long order: ${'oolong, '.repeat(2000)}`;
      const { error, packets } = await failedSend(studio, characterId, chatId, text);

      expect(error.message).toBe('chat "Tea house": the disk is full (ENOSPC); your message was not saved');
      // what the renderer words in the UI language, as data
      expect(toWireError(error).where?.unsaved).toEqual({ change: 'message', osCode: 'ENOSPC' });
      expect(packets.filter((p) => p.type === 'user')).toEqual([]);
      expect((await readFile(file)).equals(before)).toBe(true);

      await rm(filler);
      await studio.services.chat.rename(characterId, chatId, 'Tea house, after');
      const { chat, torn } = await readBack(studio, characterId, chatId, file);
      expect(torn).toEqual([]);
      expect(chat.problems).toEqual([]);
      expect(chat.title).toBe('Tea house, after');
      expect(chat.messages.map((m) => m.swipes[0]!.text)).toEqual(['Welcome in.']);
    } finally {
      await studio.dispose();
    }
  });
});

describe('a chat whose writes fail with ENOSPC injected at the file layer', () => {
  const tempDir = useTempDir('studio-disk-full-');
  afterEach(() => {
    diskFaults.current = null;
  });

  it('the user message and a correction fail cleanly and named, and leave no part of a line behind', async () => {
    const dataDir = await tempDir();
    const { studio, characterId, chatId, file } = await teaHouse(dataDir);
    try {
      const before = await readFile(file);
      diskFaults.current = { matches: (p) => p.endsWith('.jsonl'), spaceLeft: 30, code: 'ENOSPC' };
      const { error } = await failedSend(studio, characterId, chatId, 'One pot of jasmine tea, please.');
      expect(error.message).toBe('chat "Tea house": the disk is full (ENOSPC); your message was not saved');
      expect((await readFile(file)).equals(before)).toBe(true);

      // Editing the greeting records a correction: the chat line fits, the correction does not.
      const greeting = (await studio.services.chat.get(characterId, chatId)).messages[0]!;
      const corrections = join(dataDir, 'characters', characterId, 'corrections.jsonl');
      diskFaults.current = { matches: (p) => p === corrections, spaceLeft: 10, code: 'ENOSPC' };
      const failed: unknown = await studio.services.chat.edit(characterId, chatId, greeting.id, 'Welcome, traveller.').then(() => null, (e: unknown) => e);
      expect((failed as Error).message).toBe(`characters/${characterId}/corrections.jsonl: the disk is full (ENOSPC)`);
      expect(await readFile(corrections, 'utf8')).toBe('');

      diskFaults.current = null;
      await studio.services.chat.rename(characterId, chatId, 'Tea house, after');
      const { chat, torn } = await readBack(studio, characterId, chatId, file);
      expect(torn).toEqual([]);
      expect(chat.problems).toEqual([]);
      expect(chat.messages.map((m) => m.swipes[m.active]!.text)).toEqual(['Welcome, traveller.']);
    } finally {
      await studio.dispose();
    }
  });
});
