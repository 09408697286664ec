import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, PAPER_URL, type MenuActions } from './menu-template';
import { resolveShellLanguage, SHELL_STRINGS } from './shell-strings';

type MenuItemConstructorOptions = ReturnType<typeof buildMenuTemplate>[number];

function actions(): MenuActions & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    command: (c) => calls.push(c),
    openDataFolder: () => calls.push('data-folder'),
    openExternal: (url) => calls.push(url),
    about: () => calls.push('about'),
  };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byId(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const item = flatten(items).find((i) => i.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('application menu', () => {
  it('has the usual shortcuts, each used once', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = buildMenuTemplate({ platform, language: 'en', isDev: false, actions: actions() });
      const accelerators = flatten(template).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
      expect(accelerators).toEqual(expect.arrayContaining(['CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+Shift+E', 'CmdOrCtrl+,', 'CmdOrCtrl+1', 'CmdOrCtrl+6']));
      const roles = flatten(template).flatMap((i) => (i.role ? [i.role] : []));
      expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'zoomIn', 'togglefullscreen', 'minimize']));
    }
  });

  it('forwards UI commands to the renderer and runs the rest itself', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', language: 'en', isDev: false, actions: a });
    click(byId(template, 'import-character'));
    click(byId(template, 'export-character'));
    click(byId(template, 'new-character'));
    click(byId(template, 'go-models'));
    click(byId(template, 'settings'));
    click(byId(template, 'open-data-folder'));
    click(byId(template, 'paper'));
    click(byId(template, 'about'));
    expect(a.calls).toEqual([
      { command: 'import-character' },
      { command: 'export-character' },
      { command: 'new-character' },
      { command: 'navigate', section: 'models' },
      { command: 'navigate', section: 'settings' },
      'data-folder',
      PAPER_URL,
      'about',
    ]);
  });

  it('puts the app menu first on macOS only', () => {
    const mac = buildMenuTemplate({ platform: 'darwin', language: 'en', isDev: false, actions: actions() });
    const linux = buildMenuTemplate({ platform: 'linux', language: 'en', isDev: false, actions: actions() });
    expect(mac[0]?.label).toBe('Character Studio');
    expect(flatten(mac[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.role)).toContain('hideOthers');
    expect(linux[0]?.label).toBe('File');
    expect(linux.some((m) => m.label === 'Character Studio')).toBe(false);
  });

  it('offers reload and developer tools only in development builds', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate({ platform: 'linux', language: 'en', isDev, actions: actions() })).map((i) => i.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
  });

  it('speaks Chinese when the studio does', () => {
    const template = buildMenuTemplate({ platform: 'win32', language: 'zh-CN', isDev: false, actions: actions() });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '前往', '窗口', '帮助']);
    expect(byId(template, 'import-character').label).toBe('导入角色…');
    expect(byId(template, 'go-packs').label).toBe('角色包');
  });

  it('has every label in both languages', () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [k] : keys(v).map((x) => `${k}.${x}`)));
    expect(keys(SHELL_STRINGS['zh-CN'])).toEqual(keys(SHELL_STRINGS.en));
    const empty = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? (v.trim() ? [] : [k]) : empty(v)));
    expect(empty(SHELL_STRINGS['zh-CN'])).toEqual([]);
  });

  it('follows the language setting, or the system for "system"', () => {
    expect(resolveShellLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveShellLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveShellLanguage('system', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveShellLanguage('system', ['de-DE'])).toBe('en');
  });

  it('keeps actions lazy: building the menu runs nothing', () => {
    const a = { command: vi.fn(), openDataFolder: vi.fn(), openExternal: vi.fn(), about: vi.fn() };
    buildMenuTemplate({ platform: 'darwin', language: 'en', isDev: true, actions: a });
    expect(a.command).not.toHaveBeenCalled();
    expect(a.openExternal).not.toHaveBeenCalled();
  });
});
