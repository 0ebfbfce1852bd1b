/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

/**
 * `@bdhv/source` makes workspace libraries (e.g. @bdhv/contracts) resolve to their
 * TypeScript sources, so the web app needs no library build step. Vite's default
 * client conditions are kept after it.
 */
const conditions = ['@bdhv/source', ...defaultClientConditions];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    conditions,
    alias: { '@': srcDir },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks and CSS each module needs (bench/web-bundle.mjs reads it;
    // the API does not serve dot-directories).
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // A feature's index.ts only re-exports. Declared free of side effects, it is not a path by
        // which the route loaders (src/app/route-loaders.ts, in the entry) pull the feature's pages in:
        // chunks follow what is used. Every other module keeps Rolldown's own analysis.
        moduleSideEffects: (id: string) => (/[\\/]src[\\/]features[\\/][^\\/]+[\\/]index\.ts$/.test(id) ? false : undefined),
      },
      output: {
        // Long-lived vendor chunks: app deploys do not invalidate the browser's copy of React or Mantine.
        // Only what the entry needs is forced into the eager chunks (`$initial`: statically reachable
        // from src/main.tsx); libraries used only by lazily loaded pages stay in lazy chunks
        // (bench/web-bundle.mjs measures what each route downloads). A group also takes its modules'
        // dependencies, so the eager groups come first: a lazy group must not capture what the entry needs.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            // Helpers shared by video.js and eager libraries stay out of the lazy video chunk.
            { name: 'helpers', test: /node_modules[\\/]@babel[\\/]runtime[\\/]/, priority: 28 },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine[\\/](core|hooks|notifications|store)|@floating-ui|react-transition-group|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|react-number-format|react-textarea-autosize|use-callback-ref|use-sidecar|tslib|get-nonce|clsx)[\\/]/,
              tags: ['$initial'],
              priority: 26,
            },
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 24 },
            // The app code the entry needs, in one chunk rather than split into many tiny ones shared with lazy pages.
            { name: 'app', test: /[\\/](apps[\\/]web|libs[\\/]contracts)[\\/]src[\\/]/, tags: ['$initial'], priority: 23 },
            // The video player and its streaming stack load only with a video lesson (a lazy import), not on every page.
            { name: 'video', test: /node_modules[\\/](video\.js|@videojs|videojs-[^\\/]+|m3u8-parser|mpd-parser|mux\.js|aes-decrypter|global|@xmldom)[\\/]/, priority: 22 },
            // Trainers only, each loaded when first needed: the rich-text editor (Tiptap, ProseMirror) with
            // a text lesson, resumable uploads (tus) with a video upload. Each group takes its dependencies
            // along, so the chunk never imports from the chunk that loads it (a cycle breaks at load time).
            // @mantine/tiptap stays out: its Mantine dependencies would come along, and with them every
            // authoring page that shares one; automatic chunking puts it with the text lesson form.
            { name: 'editor', test: /node_modules[\\/](@tiptap|prosemirror-[^\\/]+)[\\/]/, priority: 20 },
            { name: 'upload', test: /node_modules[\\/]tus-js-client[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.spec.{ts,tsx}'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
