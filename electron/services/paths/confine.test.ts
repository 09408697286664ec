import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/contract/errors';
import { useTempDir } from '../../test-support/temp-dir';
import { assertFileName, confine, confineReal, fileNameProblem, isInside } from './confine';

const root = join('/lib', 'root');

function refusal(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StudioError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('confine', () => {
  it('resolves names inside the root, with either slash', () => {
    expect(confine(root, 'characters/abc/character.json')).toBe(join(root, 'characters', 'abc', 'character.json'));
    expect(confine(root, 'characters\\abc\\avatar.png')).toBe(join(root, 'characters', 'abc', 'avatar.png'));
    expect(confine(root, './models//tiny.gguf')).toBe(join(root, 'models', 'tiny.gguf'));
  });

  it('refuses paths that leave the root and names the field and value', () => {
    const error = refusal(() => confine(root, '../secrets.txt', 'avatar'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('avatar "../secrets.txt" leaves its folder with ".."');
    expect(refusal(() => confine(root, 'characters/../../x')).message).toContain('".."');
    expect(refusal(() => confine(root, 'a\\..\\..\\x')).message).toContain('".."');
  });

  it('refuses absolute paths of every platform', () => {
    for (const path of ['/etc/passwd', 'C:\\Windows\\win.ini', 'c:relative', '\\\\server\\share\\x', '\\rooted']) {
      expect(refusal(() => confine(root, path)).message).toContain('is absolute');
    }
  });

  it('refuses NUL bytes, empty paths and unusable names', () => {
    expect(refusal(() => confine(root, 'a\0b')).message).toContain('NUL');
    expect(refusal(() => confine(root, '')).message).toContain('is empty');
    expect(refusal(() => confine(root, 'chats/CON')).message).toContain('reserved device name');
    expect(refusal(() => confine(root, 'chats/a:b.jsonl')).message).toContain('cannot hold');
  });
});

describe('file names', () => {
  it('accepts ordinary names in any script', () => {
    expect(fileNameProblem('character.json')).toBeNull();
    expect(fileNameProblem('苏梦远.png')).toBeNull();
    expect(assertFileName('Seraphina v2.charx')).toBe('Seraphina v2.charx');
  });

  it('refuses separators, dots, reserved and overlong names', () => {
    expect(fileNameProblem('a/b')).toMatch(/separator/);
    expect(fileNameProblem('a\\b')).toMatch(/separator/);
    expect(fileNameProblem('..')).toMatch(/relative/);
    expect(fileNameProblem('name.')).toMatch(/ends with a dot/);
    expect(fileNameProblem('lpt1.txt')).toMatch(/reserved/);
    expect(fileNameProblem('字'.repeat(100))).toMatch(/longer than 255 bytes/);
    expect(() => assertFileName('x/y', 'suggestedName')).toThrow('suggestedName "x/y" contains a path separator');
  });
});

describe('isInside', () => {
  it('compares whole path parts, not prefixes', () => {
    expect(isInside('/lib/root', '/lib/root')).toBe(true);
    expect(isInside('/lib/root', '/lib/root/a/b')).toBe(true);
    expect(isInside('/lib/root', '/lib/rootkit/a')).toBe(false);
    expect(isInside('/lib/root', '/lib')).toBe(false);
  });
});

describe('confineReal', () => {
  const tempDir = useTempDir('studio-confine-');

  it('follows links and refuses one that points outside the root', async () => {
    const base = await tempDir();
    const library = join(base, 'library');
    const outside = join(base, 'outside');
    await mkdir(join(library, 'characters'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(outside, 'secret.txt'), 'x');
    await symlink(outside, join(library, 'characters', 'escape'));
    await expect(confineReal(library, 'characters/escape/secret.txt', 'file')).rejects.toThrow(
      'file "characters/escape/secret.txt" leads outside its folder through a link',
    );
    await expect(confineReal(library, 'characters/escape/new/file.txt')).rejects.toThrow('through a link');
  });

  it('judges a dangling link by where it leads, since writing through it would create that file', async () => {
    const base = await tempDir();
    const library = join(base, 'library');
    await mkdir(join(library, 'chats'), { recursive: true });
    await mkdir(join(base, 'outside', 'deep'), { recursive: true });
    await symlink(join(base, 'outside', 'not-yet.jsonl'), join(library, 'chats', 'a.jsonl'));
    await expect(confineReal(library, 'chats/a.jsonl')).rejects.toThrow('through a link');
    // `..` in a relative link is read from the folder the link really sits in, as the kernel reads it.
    await symlink(join(base, 'outside', 'deep'), join(library, 'deep'));
    await symlink('../escaped.txt', join(base, 'outside', 'deep', 'rel'));
    await expect(confineReal(library, 'deep/rel')).rejects.toThrow('through a link');
    await symlink('../chats/later.jsonl', join(library, 'chats', 'inside-dangling'));
    await expect(confineReal(library, 'chats/inside-dangling')).resolves.toMatch(/chats[\\/]later\.jsonl$/);
  });

  it('allows files that do not exist yet and links that stay inside', async () => {
    const library = await tempDir();
    await mkdir(join(library, 'characters', 'real'), { recursive: true });
    await symlink(join(library, 'characters', 'real'), join(library, 'characters', 'alias'));
    await expect(confineReal(library, 'characters/new/chats/1.jsonl')).resolves.toMatch(/characters[\\/]new[\\/]chats[\\/]1\.jsonl$/);
    await expect(confineReal(library, 'characters/alias/x.json')).resolves.toMatch(/characters[\\/]real[\\/]x\.json$/);
  });
});
