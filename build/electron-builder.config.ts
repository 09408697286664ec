import type { Configuration } from 'electron-builder';
import pkg from '../package.json' with { type: 'json' };

// Packaging of the desktop app (`npm run dist`): Linux AppImage + deb, Windows NSIS, macOS dmg.
// - node-llama-cpp's native binaries load from disk, so they are unpacked from the asar archive, and
//   only the target platform's binary packages are shipped (npm installs several per OS).
// - GPU: CPU, Metal (macOS arm64) and Vulkan builds ship by default; the CUDA binaries (~540 MB,
//   needing NVIDIA's driver and CUDA runtime on the user's machine) only with STUDIO_CUDA=1.
// - Our native companions (quantizer, trainer) are staged per platform by build/stage-native.ts into
//   .cache/packaging/native/<os>-<arch>/ and shipped as resources/native/ (outside the asar).
// The Electron runtime itself is downloaded by electron-builder at packaging time (see README).

/** True when this packaging run includes node-llama-cpp's CUDA binaries. */
export const withCuda = process.env.STUDIO_CUDA === '1';

/** The GPU flavours of node-llama-cpp binary packages shipped, by package-name suffix. */
export const SHIPPED_BINARY_SUFFIXES = ['', '-metal', '-vulkan', ...(withCuda ? ['-cuda', '-cuda-ext'] : [])];

/** Where build/stage-native.ts puts the companions for one `${os}-${arch}`. */
export const STAGED_NATIVE_DIR = '.cache/packaging/native';

const binaryPackages = SHIPPED_BINARY_SUFFIXES.map((suffix) => `node_modules/@node-llama-cpp/\${os}-\${arch}${suffix}/**/*`);

/** The electron-builder configuration (electron-builder reads this file with `--config`). */
export const config: Configuration = {
  appId: 'org.characterstudio.desktop',
  productName: 'Character Studio',
  executableName: 'character-studio',
  copyright: 'Character Studio contributors (MIT). CharacterGLM-6B weights are never bundled.',
  artifactName: `character-studio-\${version}-\${os}-\${arch}${withCuda ? '-cuda' : ''}.\${ext}`,
  directories: { output: 'release', buildResources: 'build' },
  icon: 'build/icons/icon.png',
  asar: true,
  // node-llama-cpp ships N-API binaries that work in Electron as they are: nothing to rebuild.
  npmRebuild: false,
  nodeGypRebuild: false,
  publish: null,
  files: [
    'package.json',
    'dist/renderer/**/*',
    'dist-electron/**/*',
    '!dist-electron/**/*.map',
    // Data the main process reads relative to the app folder (see build/relocate-module-urls.ts).
    'models/catalog.json',
    // Every platform's binaries are excluded first, then the target's own flavours added back.
    '!node_modules/@node-llama-cpp/**/*',
    ...binaryPackages,
    '!node_modules/node-llama-cpp/bins/**/*',
    'node_modules/node-llama-cpp/bins/${os}-${arch}*/**/*',
    '!node_modules/node-llama-cpp/llama/localBuilds/**/*',
    'node_modules/node-llama-cpp/llama/localBuilds/${os}-${arch}*/**/*',
    // llama.cpp's source bundle (34 MB) is only for building companions from source, done before packaging.
    '!node_modules/node-llama-cpp/llama/gitRelease.bundle',
    '!node_modules/node-llama-cpp/templates/**/*',
    // The command line's TypeScript runner is not used by the desktop app.
    '!node_modules/{tsx,esbuild,@esbuild}/**/*',
  ],
  asarUnpack: ['node_modules/node-llama-cpp/bins/**/*', 'node_modules/node-llama-cpp/llama/localBuilds/**/*', 'node_modules/@node-llama-cpp/**/*'],
  extraResources: [{ from: `${STAGED_NATIVE_DIR}/\${os}-\${arch}`, to: 'native', filter: ['**/*'] }],
  fileAssociations: [
    {
      ext: 'charx',
      name: 'CHARX character card',
      description: 'Character card or Character Studio pack',
      mimeType: 'application/x-charx',
      role: 'Editor',
    },
  ],
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    category: 'Office',
    synopsis: pkg.description,
    maintainer: 'Character Studio contributors',
  },
  deb: {
    // The default dependencies plus what the native companions link against.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'libgomp1'],
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The library (characters, chats, adapters, models) is the user's work: uninstalling never deletes it.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
  },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    // PNG cards: offered under "Open With", never claimed as the default PNG viewer.
    fileAssociations: [
      { ext: 'charx', name: 'CHARX character card', role: 'Editor', rank: 'Owner' },
      { ext: 'png', name: 'PNG character card', role: 'Viewer', rank: 'Alternate' },
    ],
  },
  dmg: { sign: false },
};

// electron-builder's loader reads the default export of a TypeScript config.
// eslint-disable-next-line no-restricted-syntax
export default config;
