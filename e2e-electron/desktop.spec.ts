import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StudioApi } from '../shared/contract/api';
import { AppPage } from '../e2e/pages/app-page';
import { desktopArgs, electron, expect, ROOT, test } from './fixtures/desktop-app';

// The desktop app's own journeys: a secure window over IPC, native menus and dialogs, files opened
// from the system (first launch and second instance), remembered window placement and a clean quit.

test.skip('reason' in electron, `no Electron binary: ${'reason' in electron ? electron.reason : ''}`);

type Studio = { studio: StudioApi };

/** A CharacterGLM character.json (the official demo's format) that the studio imports. */
async function writeCard(dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.json`);
  const entry = { user_info: '', bot_info: `${name}是一位安静的图书管理员。`, user_name: '用户', bot_name: name, greeting: '你好。' };
  await writeFile(file, JSON.stringify({ [name]: entry }));
  return file;
}

test('opens one isolated window without Node that talks to the real services over IPC', async ({ desktop }) => {
  const { app, window } = desktop;
  await expect(window).toHaveTitle('Character Studio');
  expect(window.url()).toMatch(/^studio:\/\/app\//);
  const exposed = await window.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    return [typeof g.require, typeof g.process, typeof g.ipcRenderer, typeof g.studio];
  });
  expect(exposed).toEqual(['undefined', 'undefined', 'undefined', 'object']);
  expect(await window.evaluate(() => (globalThis as unknown as Studio).studio.app.info({}))).toMatchObject({ transport: 'electron', dataDir: desktop.library });
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

  const studio = new AppPage(window);
  await studio.installDemoModel();
  await expect(studio.statusModel).toHaveText('Tiny CharacterGLM demo');
});

test('keeps the window on the app: no navigation away, no new windows', async ({ desktop }) => {
  const { app, window } = desktop;
  const start = window.url();
  await window.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'file:///etc/passwd';
  });
  await window.evaluate(() => (globalThis as unknown as { open: (url: string) => unknown }).open('file:///etc/hostname'));
  await window.evaluate(() => (globalThis as unknown as { open: (url: string) => unknown }).open('studio-evil://x'));
  await window.waitForTimeout(500);
  expect(window.url()).toBe(start);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('refuses paths on this machine that were not chosen in a dialog', async ({ desktop }) => {
  const error = await desktop.window.evaluate(() =>
    (globalThis as unknown as Studio).studio.models.inspectCheckpoint({ dir: '/etc' }).then(
      () => 'accepted',
      (e: Error) => e.message,
    ),
  );
  expect(error).toContain('was not chosen in a file dialog');
});

test('menus navigate, import through the native dialog, and follow the language', async ({ desktop }) => {
  const { app, window } = desktop;
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('go-models')!.click());
  await expect(window).toHaveURL(/#\/models$/);

  const card = await writeCard(desktop.library, '林黛玉');
  // The system's dialog cannot be clicked by a test: it answers with the card, as a user would.
  await app.evaluate(({ dialog }, file) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
  }, card);
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('import-character')!.click());
  await expect(window.getByTestId('desktop-notices')).toContainText('Imported 林黛玉');
  await expect(window).toHaveURL(/#\/characters\/[^/]+$/);

  // File › Export writes the open character as a PNG card where the save dialog says.
  const target = join(desktop.library, 'exported.png');
  await app.evaluate(({ dialog }, file) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
  }, target);
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('export-character')!.click());
  await expect(window.getByTestId('desktop-notices')).toContainText(`Saved to ${target}`);
  expect([...(await readFile(target)).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  await window.evaluate(() => (globalThis as unknown as Studio).studio.settings.update({ language: 'zh-CN' }));
  await expect.poll(() => app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('import-character')!.label)).toBe('导入角色…');
});

test('opens a card given on the command line, and one forwarded by a second launch', async ({ desktop }) => {
  const first = await writeCard(desktop.library, '苏梦远');
  await desktop.relaunch([first]);
  await expect(desktop.window.getByTestId('desktop-notices')).toContainText('Imported 苏梦远');

  const second = await writeCard(desktop.library, '张起灵');
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('path' in electron ? electron.path : '', desktopArgs(desktop.library, [second]), { cwd: ROOT, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  expect(exitCode).toBe(0);
  await expect(desktop.window.getByTestId('desktop-notices')).toContainText('Imported 张起灵');
  const names = await desktop.window.evaluate(() => (globalThis as unknown as Studio).studio.characters.list({}).then((list) => list.map((c) => c.name)));
  expect(names.sort()).toEqual(['张起灵', '苏梦远']);
});

test('remembers the window size and place, and quits cleanly', async ({ desktop }) => {
  await desktop.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 30, width: 1000, height: 700 }));
  await desktop.relaunch();
  const saved = JSON.parse(await readFile(join(desktop.library, 'window-state.json'), 'utf8')) as { bounds: { width: number; height: number } };
  expect(saved.bounds).toMatchObject({ width: 1000, height: 700 });
  const bounds = await desktop.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
  expect(bounds).toMatchObject({ width: 1000, height: 700 });
  // Every write went through a temp file and a rename: nothing half-written is left behind.
  expect((await readdir(desktop.library)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});
