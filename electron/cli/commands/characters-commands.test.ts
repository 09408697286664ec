import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { cli } from '../test-cli';

const tempDir = useTempDir('studio-cli-characters-');

// The core suite's own official-format fixture (the real file is tested where it exists).
const official = {
  小白: { user_info: '', bot_info: '小白，17岁。', user_name: '用户', bot_name: '小白', greeting: '哥哥，我会死吗？' },
  苏婉嫣: { user_info: null, bot_info: '傲娇。', user_name: '张凯', bot_name: '苏婉嫣', greeting: '对不起' },
};

describe('studio characters', () => {
  it('imports an official character.json, lists it, and shows a character by name or id with its bot_info', async () => {
    const dir = await tempDir();
    const library = join(dir, 'lib');
    const file = join(dir, 'character.json');
    await writeFile(file, JSON.stringify(official));

    const imported = await cli('characters', 'import', file, '--library', library, '--json');
    expect(imported.code).toBe(0);
    expect((JSON.parse(imported.stdout) as { characters: { name: string }[] }).characters.map((c) => c.name)).toEqual(['小白', '苏婉嫣']);
    expect((await cli('characters', 'import', file, '--library', library)).stdout).toBe(
      'Imported 2 characters from character.json: 小白 (小白-2), 苏婉嫣 (苏婉嫣-2)\n',
    );

    const list = await cli('characters', 'list', '--library', library, '--search', '苏', '--json');
    expect((JSON.parse(list.stdout) as { id: string }[]).map((c) => c.id).sort()).toEqual(['苏婉嫣', '苏婉嫣-2']);
    expect((await cli('characters', 'list', '--library', library)).stdout).toMatch(/^ID\s+NAME\s+TAGS\s+MODIFIED/);

    const shown = await cli('characters', 'show', '小白-2', '--library', library, '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      character: { id: '小白-2', name: '小白', greeting: '哥哥，我会死吗？' },
      botInfo: '小白，17岁。',
      sessionMeta: { botName: '小白', userName: '用户' },
    });
    const text = await cli('characters', 'show', '小白-2', '--library', library);
    expect(text.stdout).toContain('bot_info:\n小白，17岁。\n');
    const ambiguous = await cli('characters', 'show', '小白', '--library', library);
    expect(ambiguous.code).toBe(0); // "小白" is also an exact id
    const byName = await cli('characters', 'show', '苏婉嫣', '--library', library, '--json');
    expect(JSON.parse(byName.stdout).character.id).toBe('苏婉嫣');
  });

  it('fails with one line naming the problem', async () => {
    const dir = await tempDir();
    const library = join(dir, 'lib');
    expect(await cli('characters', 'show', 'nobody', '--library', library)).toMatchObject({
      code: 1,
      stderr: 'studio: no character with id or name "nobody"\n',
    });
    expect((await cli('characters', 'import', join(dir, 'missing.json'), '--library', library)).stderr).toBe(
      `studio: ${join(dir, 'missing.json')}: no such file\n`,
    );
    await writeFile(join(dir, 'bad.json'), '{"小白": {"bot_info": 5, "bot_name": "小白"}}');
    const bad = await cli('characters', 'import', join(dir, 'bad.json'), '--library', library);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^studio: bad\.json: 小白\.bot_info: .*\n$/);
    expect((await cli('characters', 'list', '--library', library)).stdout).toContain('No characters yet');
    expect((await cli('characters', 'show', '--library', library)).code).toBe(2);
  });
});
