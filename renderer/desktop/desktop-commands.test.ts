import { describe, expect, it, vi } from 'vitest';
import { registerCommandHandler, runDesktopCommand, type CommandDeps } from './desktop-commands';

function deps(current: string | null = null): CommandDeps & { go: ReturnType<typeof vi.fn>; notify: ReturnType<typeof vi.fn> } {
  return {
    sections: ['characters', 'models', 'settings'],
    go: vi.fn(),
    newCharacter: vi.fn(async () => undefined),
    importCharacters: vi.fn(async () => undefined),
    exportCharacter: vi.fn(async () => undefined),
    currentCharacterId: () => current,
    notify: vi.fn(),
    text: (key) => key,
  };
}

describe('desktop menu commands in the UI', () => {
  it('navigates to known sections only', async () => {
    const d = deps();
    await runDesktopCommand({ command: 'navigate', section: 'models' }, d);
    await runDesktopCommand({ command: 'navigate', section: '../../evil' }, d);
    expect(d.go).toHaveBeenCalledTimes(1);
    expect(d.go).toHaveBeenCalledWith('models');
  });

  it('creates and imports characters through the injected actions', async () => {
    const d = deps();
    await runDesktopCommand({ command: 'new-character' }, d);
    await runDesktopCommand({ command: 'import-character' }, d);
    expect(d.newCharacter).toHaveBeenCalledTimes(1);
    expect(d.importCharacters).toHaveBeenCalledTimes(1);
  });

  it('exports the open character, or explains that one must be open', async () => {
    const none = deps(null);
    await runDesktopCommand({ command: 'export-character' }, none);
    expect(none.notify).toHaveBeenCalledWith('info', 'exportNeedsCharacter');
    expect(none.exportCharacter).not.toHaveBeenCalled();
    const open = deps('seraphina');
    await runDesktopCommand({ command: 'export-character' }, open);
    expect(open.exportCharacter).toHaveBeenCalledWith('seraphina');
  });

  it('lets a feature take over a command, and give it back', async () => {
    const exporter = vi.fn();
    const off = registerCommandHandler('export-character', exporter);
    const d = deps('seraphina');
    await runDesktopCommand({ command: 'export-character' }, d);
    expect(exporter).toHaveBeenCalledWith({ command: 'export-character' });
    expect(d.notify).not.toHaveBeenCalled();
    off();
    await runDesktopCommand({ command: 'export-character' }, d);
    expect(exporter).toHaveBeenCalledTimes(1);
    expect(d.exportCharacter).toHaveBeenCalledWith('seraphina');
  });
});
