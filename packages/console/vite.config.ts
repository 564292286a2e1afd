import { defineConfig } from 'vite';

// Built once at install time (scripts/setup.sh) into dist/, which `milli serve` serves under /ui: relative to that
// base, with every dependency bundled, so the browser fetches nothing from anywhere else.
export default defineConfig({
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 400 },
});
