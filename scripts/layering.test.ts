import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layering rules in eslint.config.js actually fire (a rule that never fires is hope).
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it('keeps shared/ free of Node, Electron and React', async () => {
    expect(await violations('shared/x.ts', "import { readFile } from 'node:fs'; export const a = readFile;")).toHaveLength(1);
    expect(await violations('shared/x.ts', "import { useState } from 'react'; export const a = useState;")).toHaveLength(1);
    expect(await violations('shared/x.ts', "import { app } from 'electron'; export const a = app;")).toHaveLength(1);
    expect(await violations('shared/x.ts', "import { z } from 'zod'; export const a = z;")).toHaveLength(0);
  });

  it('keeps the renderer out of electron/', async () => {
    expect(await violations('renderer/x.ts', "import { createStudio } from '../electron/host/studio'; export const a = createStudio;")).toHaveLength(1);
  });

  it('lets only electron/ipc and the preload touch IPC', async () => {
    expect(await violations('electron/main.ts', "import { ipcMain } from 'electron'; export const a = ipcMain;")).toHaveLength(1);
    expect(await violations('electron/ipc/x.ts', "import { ipcMain } from 'electron'; export const a = ipcMain;")).toHaveLength(0);
    expect(await violations('electron/services/x/y.ts', "import { app } from 'electron'; export const a = app;")).toHaveLength(1);
  });

  it('keeps electron out of tests', async () => {
    expect(await violations('electron/host/x.test.ts', "import { app } from 'electron'; export const a = app;")).toHaveLength(1);
  });
});
