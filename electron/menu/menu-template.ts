import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from '../../shared/contract/domains/desktop';
import { SHELL_STRINGS, type ShellLanguage } from './shell-strings';

// The application menu as plain data, so its items, shortcuts and languages are unit-tested without
// Electron. Commands that belong to the UI (navigation, the current character) are forwarded to the
// renderer; the rest (roles, folders, links) run in the main process.

/** What the menu's own items do; main.ts supplies the Electron side. */
export interface MenuActions {
  command: (command: DesktopCommand) => void;
  openDataFolder: () => void;
  openExternal: (url: string) => void;
  about: () => void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  language: ShellLanguage;
  /** Adds reload and developer tools (unpackaged builds only). */
  isDev: boolean;
  actions: MenuActions;
}

/** The CharacterGLM paper, opened in the system browser from Help. */
export const PAPER_URL = 'https://arxiv.org/abs/2311.16832';

/** Sections reachable from the Go menu with Ctrl/Cmd+1…6, in the navigation rail's order. */
export const GO_SECTIONS = ['characters', 'chat', 'training', 'models', 'packs', 'settings'] as const;

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** The whole menu bar for one platform and language. */
export function buildMenuTemplate({ platform, language, isDev, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const s = SHELL_STRINGS[language];
  const mac = platform === 'darwin';
  const send = (command: DesktopCommand) => () => actions.command(command);
  const settingsItem: MenuItemConstructorOptions = {
    id: 'settings',
    label: s.menu.settings,
    accelerator: 'CmdOrCtrl+,',
    click: send({ command: 'navigate', section: 'settings' }),
  };

  const appMenu: MenuItemConstructorOptions = {
    label: s.app,
    submenu: [
      { role: 'about', label: s.menu.about },
      separator,
      settingsItem,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', label: s.menu.hide },
      { role: 'hideOthers', label: s.menu.hideOthers },
      { role: 'unhide', label: s.menu.unhide },
      separator,
      { role: 'quit', label: s.menu.quit },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: s.menu.file,
    submenu: [
      { id: 'new-character', label: s.menu.newCharacter, accelerator: 'CmdOrCtrl+N', click: send({ command: 'new-character' }) },
      { id: 'import-character', label: s.menu.importCharacter, accelerator: 'CmdOrCtrl+O', click: send({ command: 'import-character' }) },
      { id: 'export-character', label: s.menu.exportCharacter, accelerator: 'CmdOrCtrl+Shift+E', click: send({ command: 'export-character' }) },
      separator,
      ...(mac ? [{ role: 'close', label: s.menu.close } as const] : [settingsItem, separator, { role: 'quit', label: s.menu.quit } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: s.menu.edit,
    submenu: [
      { role: 'undo', label: s.menu.undo },
      { role: 'redo', label: s.menu.redo },
      separator,
      { role: 'cut', label: s.menu.cut },
      { role: 'copy', label: s.menu.copy },
      { role: 'paste', label: s.menu.paste },
      { role: 'selectAll', label: s.menu.selectAll },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: s.menu.view,
    submenu: [
      ...(isDev ? [{ role: 'reload', label: s.menu.reload } as const, { role: 'toggleDevTools', label: s.menu.devTools } as const, separator] : []),
      { role: 'resetZoom', label: s.menu.resetZoom },
      { role: 'zoomIn', label: s.menu.zoomIn },
      { role: 'zoomOut', label: s.menu.zoomOut },
      separator,
      { role: 'togglefullscreen', label: s.menu.fullScreen },
    ],
  };

  const goMenu: MenuItemConstructorOptions = {
    label: s.menu.go,
    submenu: GO_SECTIONS.map((section, index) => ({
      id: `go-${section}`,
      label: s.sections[section],
      accelerator: `CmdOrCtrl+${index + 1}`,
      click: send({ command: 'navigate', section }),
    })),
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: s.menu.window,
    submenu: [{ role: 'minimize', label: s.menu.minimize }, ...(mac ? [{ role: 'zoom' } as const, separator, { role: 'front' } as const] : [{ role: 'close', label: s.menu.close } as const])],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: s.menu.help,
    submenu: [
      { id: 'open-data-folder', label: s.menu.openDataFolder, click: () => actions.openDataFolder() },
      { id: 'paper', label: s.menu.paper, click: () => actions.openExternal(PAPER_URL) },
      ...(mac ? [] : [separator, { id: 'about', label: s.menu.about, click: () => actions.about() }]),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, goMenu, windowMenu, helpMenu];
}
