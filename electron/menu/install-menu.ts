import { app, Menu } from 'electron';
import type { Language } from '../../shared/settings/settings';
import { buildMenuTemplate, type MenuActions } from './menu-template';
import { resolveShellLanguage, type ShellLanguage } from './shell-strings';

// Sets the application menu and rebuilds it when the studio's language setting changes, so menus
// speak the same language as the window.

/** The shell language for the current setting and the system's preferred languages. */
export function shellLanguage(setting: Language): ShellLanguage {
  return resolveShellLanguage(setting, app.getPreferredSystemLanguages());
}

/** Installs the menu for `language`; call again with a new language to relabel it. */
export function installMenu(language: ShellLanguage, actions: MenuActions): void {
  const template = buildMenuTemplate({ platform: process.platform, language, isDev: !app.isPackaged, actions });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
