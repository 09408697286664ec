import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the renderer into dist/renderer, served by `studio serve` and loaded by the Electron window.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
