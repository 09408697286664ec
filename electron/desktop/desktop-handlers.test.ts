import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../host/dispatcher';
import { createStudio } from '../host/studio';
import { useTempDir } from '../test-support/temp-dir';
import { browserDesktopHandlers, createDesktopHandlers, dialogFilters, type NativeDialogs } from './desktop-handlers';
import { OpenedFiles } from './opened-files';
import { PathGrants } from './path-grants';
import { readDesktopFile } from './read-desktop-file';

const tempDir = useTempDir('studio-desktop-');

function dialogs(open: string[] | null, save: string | null): NativeDialogs & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    showOpen: async (options) => (seen.push(options), open),
    showSave: async (options) => (seen.push(options), save),
  };
}

function handlers(d: NativeDialogs, opened = new OpenedFiles(), language: 'en' | 'zh-CN' = 'en', grants = new PathGrants('/lib')) {
  return createDesktopHandlers({ dialogs: d, opened, grants, language: async () => language, defaultSaveDir: () => '/home/me/Documents' });
}

describe('desktop dialogs', () => {
  it('returns the bytes of the files the user picked, with localized filters', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'Seraphina.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const d = dialogs([join(dir, 'Seraphina.png'), join(dir, 'gone.charx')], null);
    const result = await handlers(d, undefined, 'zh-CN').openFiles({ purpose: 'character', multiple: true });
    expect(result.canceled).toBe(false);
    expect(result.files[0]).toEqual({ name: 'Seraphina.png', size: 4, dataBase64: 'iVBORw==' });
    expect(result.files[1]).toEqual({ name: 'gone.charx', size: 0, error: 'gone.charx does not exist (moved or deleted?)' });
    expect(d.seen[0]).toEqual({
      title: '导入角色卡或角色包',
      multiple: true,
      filters: [
        { name: '角色卡与角色包', extensions: ['png', 'charx', 'json'] },
        { name: '所有文件', extensions: ['*'] },
      ],
    });
  });

  it('reports a cancelled dialog as such', async () => {
    expect(await handlers(dialogs(null, null)).openFiles({ purpose: 'pack' })).toEqual({ canceled: true, files: [] });
    expect(await handlers(dialogs(null, null)).saveFile({ purpose: 'pack', suggestedName: 'a.charx', dataBase64: '' })).toEqual({ canceled: true });
  });

  it('writes exported bytes atomically where the user chose', async () => {
    const dir = await tempDir();
    const target = join(dir, 'out', 'Seraphina.charx');
    const d = dialogs(null, target);
    const result = await handlers(d).saveFile({ purpose: 'pack', suggestedName: 'Seraphina.charx', dataBase64: Buffer.from('PK\u0003\u0004').toString('base64') });
    expect(result).toEqual({ canceled: false, path: target });
    expect(await readFile(target, 'utf8')).toBe('PK\u0003\u0004');
    expect(await readdir(join(dir, 'out'))).toEqual(['Seraphina.charx']);
    expect(d.seen[0]).toMatchObject({ defaultPath: join('/home/me/Documents', 'Seraphina.charx'), filters: dialogFilters('pack', 'en') });
  });

  it('refuses a suggested name that is a path, before any dialog opens', async () => {
    const d = dialogs(null, '/tmp/x');
    await expect(handlers(d).saveFile({ purpose: 'pack', suggestedName: '../../etc/passwd', dataBase64: '' })).rejects.toThrow(
      'suggestedName "../../etc/passwd" contains a path separator',
    );
    expect(d.seen).toEqual([]);
  });

  it('says where a save failed and leaves no partial file', async () => {
    const dir = await tempDir();
    // A plain file where a folder should be: the write cannot even start.
    await writeFile(join(dir, 'not-a-folder'), 'x');
    const target = join(dir, 'not-a-folder', 'a.png');
    await expect(handlers(dialogs(null, target)).saveFile({ purpose: 'character', suggestedName: 'a.png', dataBase64: 'AAAA' })).rejects.toThrow(`could not save ${target}`);
    expect(await readdir(dir)).toEqual(['not-a-folder']);
  });

  it('validates inputs at the boundary (the dispatcher refuses bad bytes and unknown purposes)', async () => {
    const dir = await tempDir();
    const studio = await createStudio({ dataDir: dir, transport: 'electron', desktop: handlers(dialogs(null, null)) });
    try {
      const dispatcher = createDispatcher(studio.handlers);
      await expect(dispatcher.call('desktop.saveFile', { purpose: 'pack', suggestedName: 'a', dataBase64: 'not base64!' })).rejects.toThrow(
        'invalid input for desktop.saveFile',
      );
      await expect(dispatcher.call('desktop.openFiles', { purpose: 'anything' })).rejects.toThrow('invalid input for desktop.openFiles');
      await expect(dispatcher.call('desktop.openFiles', { purpose: 'pack', path: '/etc/passwd' })).rejects.toThrow('invalid input');
    } finally {
      await studio.dispose();
    }
  });
});

describe('choosing model paths', () => {
  it('grants exactly the path the user picked, and nothing else outside the library', async () => {
    const grants = new PathGrants('/lib');
    const d = dialogs(['/models/characterglm-6b-q4.gguf'], null);
    expect(await handlers(d, undefined, 'en', grants).choosePath({ kind: 'model-file' })).toEqual({ canceled: false, path: '/models/characterglm-6b-q4.gguf' });
    expect(d.seen[0]).toMatchObject({ title: 'Choose a GGUF model file', directory: false, filters: [{ name: 'GGUF models', extensions: ['gguf'] }, { name: 'All files', extensions: ['*'] }] });
    expect(grants.allows('/models/characterglm-6b-q4.gguf')).toBe(true);
    expect(grants.allows('/models/../models/characterglm-6b-q4.gguf')).toBe(true);
    expect(grants.allows('/models/other.gguf')).toBe(false);
    expect(grants.allows('/etc/passwd')).toBe(false);
    expect(grants.allows('/lib/models/demo.gguf')).toBe(true);
  });

  it('opens a folder dialog for checkpoints and reports a cancel', async () => {
    const d = dialogs(null, null);
    expect(await handlers(d, undefined, 'zh-CN').choosePath({ kind: 'checkpoint-folder' })).toEqual({ canceled: true });
    expect(d.seen[0]).toMatchObject({ title: '选择 CharacterGLM 权重文件夹', directory: true });
  });
});

describe('files opened by the system', () => {
  it('are handed over once each, in order, and announced', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.json'), '{}');
    await writeFile(join(dir, 'b.charx'), 'PK');
    const opened = new OpenedFiles();
    const announced = vi.fn();
    opened.onAdded(announced);
    opened.add([join(dir, 'a.json'), join(dir, 'b.charx'), join(dir, 'a.json')]);
    opened.add([join(dir, 'a.json')]);
    expect(announced).toHaveBeenCalledTimes(1);
    expect(announced).toHaveBeenCalledWith(2);
    const h = handlers(dialogs(null, null), opened);
    expect((await h.takeOpenedFiles({})).map((f) => [f.name, f.dataBase64])).toEqual([
      ['a.json', 'e30='],
      ['b.charx', 'UEs='],
    ]);
    expect(await h.takeOpenedFiles({})).toEqual([]);
  });

  it('names a file that is too large or a folder instead of reading it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'big.png'), Buffer.alloc(2048));
    expect(await readDesktopFile(join(dir, 'big.png'), 1024)).toEqual({ name: 'big.png', size: 2048, error: 'big.png is 2.0 KB, more than the 1.0 KB the studio opens at once' });
    await mkdir(join(dir, 'folder.png'));
    expect((await readDesktopFile(join(dir, 'folder.png'))).error).toBe('folder.png is not a file');
  });
});

describe('serve mode', () => {
  it('refuses native dialogs with a clear reason and has no opened files', async () => {
    const h = browserDesktopHandlers();
    await expect(h.openFiles({ purpose: 'character' })).rejects.toThrow('native file dialogs exist only in the desktop app');
    expect(await h.takeOpenedFiles({})).toEqual([]);
  });
});
