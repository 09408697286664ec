import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv, libraryFromArgv } from './command-line';

const cwd = resolve('/home/me/Downloads');

describe('desktop command line', () => {
  it('finds card and pack files among Electron and Chromium arguments', () => {
    const argv = ['/opt/Character Studio/character-studio', '--no-sandbox', 'Seraphina.png', '--library', '/data/lib.json', '/abs/pack.CHARX', 'notes.txt', 'card.json'];
    expect(filesFromArgv(argv, cwd)).toEqual([join(cwd, 'Seraphina.png'), resolve('/abs/pack.CHARX'), join(cwd, 'card.json')]);
  });

  it('ignores the app folder of a development launch (`electron .`) and flags with values', () => {
    expect(filesFromArgv(['/usr/lib/electron', '.', '--library=/tmp/x.png', '--inspect=9229'], cwd)).toEqual([]);
  });

  it('accepts file:// URLs and drops duplicates', () => {
    expect(filesFromArgv(['exe', 'file:///tmp/My%20Card.png', '/tmp/My Card.png'], cwd)).toEqual([resolve('/tmp/My Card.png')]);
  });

  it('takes the data folder from --library, STUDIO_LIBRARY, or the default', () => {
    expect(libraryFromArgv(['exe', '--library', 'lib'], cwd, {})).toBe(join(cwd, 'lib'));
    expect(libraryFromArgv(['exe', '--library=/data/lib'], cwd, {})).toBe(resolve('/data/lib'));
    expect(libraryFromArgv(['exe'], cwd, { STUDIO_LIBRARY: '/env/lib' })).toBe('/env/lib');
    expect(libraryFromArgv(['exe'], cwd, { XDG_CONFIG_HOME: '/cfg' })).toMatch(/character-studio$/);
  });
});
