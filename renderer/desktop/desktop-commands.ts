import type { DesktopCommand } from '../../shared/contract/domains/desktop';

// What each menu command does in the UI, as a pure function of injected actions so it is unit-tested
// without a DOM. A feature with its own flow for a command can register a handler that takes
// precedence over the default.

/** The actions a command may take; the bridge supplies them. */
export interface CommandDeps {
  sections: readonly string[];
  go: (section: string, ...rest: string[]) => void;
  newCharacter: () => Promise<void>;
  importCharacters: () => Promise<void>;
  /** Exports a character as a PNG card and lets the user save it. */
  exportCharacter: (id: string) => Promise<void>;
  /** The character open in the editor, if any. */
  currentCharacterId: () => string | null;
  notify: (kind: 'error' | 'info', text: string) => void;
  text: (key: 'exportNeedsCharacter') => string;
}

type Handler = (command: DesktopCommand) => Promise<void> | void;
const handlers = new Map<DesktopCommand['command'], Handler>();

/** Lets a feature own a command; returns the unregister function. */
export function registerCommandHandler(command: DesktopCommand['command'], handler: Handler): () => void {
  handlers.set(command, handler);
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

/** Runs one menu command. */
export async function runDesktopCommand(command: DesktopCommand, deps: CommandDeps): Promise<void> {
  const registered = handlers.get(command.command);
  if (registered) return registered(command);
  switch (command.command) {
    case 'navigate':
      if (deps.sections.includes(command.section)) deps.go(command.section);
      return;
    case 'new-character':
      return deps.newCharacter();
    case 'import-character':
      return deps.importCharacters();
    case 'export-character': {
      const id = deps.currentCharacterId();
      if (id) return deps.exportCharacter(id);
      deps.notify('info', deps.text('exportNeedsCharacter'));
      return;
    }
  }
}
