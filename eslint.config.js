import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Layering is enforced here, not by convention:
// - shared/ is pure: no electron, react or Node modules, nothing from electron/ or renderer/;
// - renderer/ never reaches into electron/ or Node;
// - only electron/ipc/ and the preload touch Electron's IPC; services and tests never import electron.

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (...rules) => ({
  'no-restricted-imports': ['error', { paths: rules.flatMap((r) => r.paths ?? []), patterns: rules.flatMap((r) => r.patterns ?? []) }],
});
const noNode = { paths: nodeModules.map((name) => ({ name, message: 'Node modules are not allowed in this layer.' })) };
const noElectron = { paths: [{ name: 'electron', message: 'Only the Electron shell (electron/main.ts, electron/ipc/, preload) may import electron.' }] };
const noReact = { paths: ['react', 'react-dom', 'react-dom/client'].map((name) => ({ name, message: 'shared/ is UI-free.' })) };
const noElectronFolder = { patterns: [{ group: ['**/electron/**', '../electron', '../../electron'], message: 'The renderer talks to the services only through the contract.' }] };
const noRendererFolder = { patterns: [{ group: ['**/renderer/**'], message: 'shared/ must not depend on the renderer.' }] };
const noIpc = {
  paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Only electron/ipc/ and the preload touch IPC.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'native/build/**', 'test-results/**', 'playwright-report/**', '.cache/**', '.gpu-check/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  { files: ['*.config.{js,ts}', 'eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['shared/**/*.{ts,tsx}'], rules: restrict(noNode, noElectron, noReact, noElectronFolder, noRendererFolder) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(noNode, noElectron, noElectronFolder),
  },
  { files: ['electron/**/*.ts'], ignores: ['electron/ipc/**', 'electron/preload.ts'], rules: restrict(noIpc) },
  { files: ['electron/services/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts', 'electron/host/**/*.ts'], rules: restrict(noElectron) },
  { files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'models/**/*.ts'], rules: restrict(noElectron) },
);
