import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// The renderer lives in renderer/ (index.html is its root) and builds to dist/renderer, which browser mode
// serves and Electron loads from file:// — hence relative asset paths (base './').
export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Fonts are small enough per subset; keep them files (CSP allows font-src 'self'), never remote.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [here] },
  },
});
