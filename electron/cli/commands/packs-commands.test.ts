import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import extractChunks from 'png-chunks-extract';
import pngText from 'png-chunk-text';
import { describe, expect, it } from 'vitest';
import { jpegWithCharx } from '../../services/packs/asset-card-fixtures';
import { useTempDir } from '../../test-support/temp-dir';
import { cli } from '../test-cli';

const tempDir = useTempDir('studio-cli-packs-');

const card = (name: string) => ({ spec: 'chara_card_v2', spec_version: '2.0', data: { name, description: `${name} is a test.`, first_mes: `I am ${name}.` } });

describe('studio characters import/export and library backup/restore', () => {
  it('imports several cards, exports PNG and pack files, backs up and restores', async () => {
    const dir = await tempDir();
    const library = join(dir, 'lib');
    await writeFile(join(dir, 'ann.json'), JSON.stringify(card('Ann')));
    await writeFile(join(dir, 'bob.json'), JSON.stringify(card('Bob')));

    const imported = await cli('characters', 'import', join(dir, 'ann.json'), join(dir, 'bob.json'), '--library', library, '--json');
    expect(imported.stderr).toBe('');
    expect((JSON.parse(imported.stdout) as { characters: { name: string }[] }).characters.map((c) => c.name)).toEqual(['Ann', 'Bob']);

    const png = await cli('characters', 'export', 'Ann', '--format', 'png', '--out', join(dir, 'ann.png'), '--library', library);
    expect(png.stdout).toMatch(/^Wrote .*ann\.png/);
    const keywords = extractChunks(await readFile(join(dir, 'ann.png'))).filter((c) => c.name === 'tEXt').map((c) => pngText.decode(c.data).keyword);
    expect(keywords.sort()).toEqual(['ccv3', 'chara']);

    const pack = await cli('characters', 'export', 'bob', '--format', 'pack', '--out', join(dir, 'bob.pack.charx'), '--library', library, '--json');
    expect(JSON.parse(pack.stdout)).toMatchObject({ format: 'pack', leftOut: [] });
    const again = await cli('characters', 'import', join(dir, 'ann.png'), join(dir, 'bob.pack.charx'), '--library', library, '--json');
    expect((JSON.parse(again.stdout) as { characters: { id: string }[] }).characters.map((c) => c.id)).toEqual(['ann-2', 'bob-2']);

    const backup = await cli('library', 'backup', '--out', join(dir, 'backup.zip'), '--library', library);
    expect(backup.stdout).toMatch(/^Backed up 4 characters to /);
    const restored = await cli('library', 'restore', join(dir, 'backup.zip'), '--library', join(dir, 'other'), '--json');
    expect((JSON.parse(restored.stdout) as { name: string }[]).map((c) => c.name).sort()).toEqual(['Ann', 'Ann', 'Bob', 'Bob']);
  });

  it('fails with one line naming the problem and writes no file', async () => {
    const dir = await tempDir();
    const library = join(dir, 'lib');
    expect(await cli('characters', 'export', 'nobody', '--format', 'png', '--out', join(dir, 'x.png'), '--library', library)).toMatchObject({
      code: 1,
      stderr: 'studio: no character with id or name "nobody"\n',
    });
    await writeFile(join(dir, 'ann.json'), JSON.stringify(card('Ann')));
    await cli('characters', 'import', join(dir, 'ann.json'), '--library', library);
    // Lenient reading still imports, and says what it assumed.
    await writeFile(join(dir, 'odd.json'), JSON.stringify({ ...card('Odd'), spec: 'chara_card_v9' }));
    expect((await cli('characters', 'import', join(dir, 'odd.json'), '--library', library)).stdout).toBe(
      'Imported 1 character from odd.json: Odd (odd)\n  warning: odd.json: Odd: unknown spec "chara_card_v9"; read as Character Card V2\n',
    );
    expect((await cli('characters', 'export', 'Ann', '--format', 'gif', '--library', library)).stderr).toBe('studio: --format must be one of png|json|charx|pack\n');
    await writeFile(join(dir, 'junk.zip'), 'not a zip');
    expect((await cli('library', 'restore', join(dir, 'junk.zip'), '--library', library)).stderr).toMatch(/^studio: .*junk\.zip: not a readable zip archive/);
    await expect(readFile(join(dir, 'x.png'))).rejects.toThrow(/ENOENT/);
  });

  it('imports a JPEG with a CHARX appended and names, as warning lines, what a JSON or PNG export leaves out', async () => {
    const dir = await tempDir();
    const library = join(dir, 'lib');
    await writeFile(join(dir, 'wren.jpg'), await jpegWithCharx('Wren'));
    expect((await cli('characters', 'import', join(dir, 'wren.jpg'), '--library', library)).stdout).toMatch(/^Imported 1 character from wren\.jpg: Wren \(wren\)\n/);
    const json = await cli('characters', 'export', 'Wren', '--format', 'json', '--out', join(dir, 'wren.json'), '--library', library);
    expect(json.stdout.split('\n').filter((l) => l.startsWith('  warning: '))).toEqual([
      '  warning: the JSON card cannot carry embedded assets; left out: asset "main" (icon), asset "smile" (emotion)',
      '  warning: the JSON card cannot carry these files; left out: file "module.risum", file "x_meta/2.json"',
    ]);
    const png = await cli('characters', 'export', 'Wren', '--format', 'png', '--out', join(dir, 'wren.png'), '--library', library, '--json');
    expect(JSON.parse(png.stdout).warnings).toContain('the V2 "chara" chunk (for apps that read only Character Card V2) carries no assets; left out of it: asset "smile" (emotion)');
    const charx = await cli('characters', 'export', 'Wren', '--format', 'charx', '--out', join(dir, 'wren.charx'), '--library', library);
    expect(charx.stdout).not.toContain('warning:');
  });
});
