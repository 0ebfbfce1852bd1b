// What a first visit downloads: the JS and CSS of the built web app that a route needs before it
// can render, raw and gzipped (each file on its own, as HTTP compresses it; zlib's default level).
//   npx nx run web:build && node bench/web-bundle.mjs [--files] [--json] [dist dir]
//
// The entry's files come from dist/index.html (its module script, modulepreload links and
// stylesheets: what the browser fetches before any code runs). A route whose page is loaded lazily
// adds its chunk's static imports and CSS, followed through dist/.vite/manifest.json
// (`build.manifest` in apps/web/vite.config.ts) the way Vite preloads a dynamic import.
// Chunks loaded later by the page itself (the video player) are not counted.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = join(root, 'apps/web');
const args = process.argv.slice(2);
const showFiles = args.includes('--files');
const asJson = args.includes('--json');
const dist = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(webRoot, 'dist'));

/**
 * Routes to measure and the module(s) their route object loads lazily (the `lazy` import in
 * apps/web/src/app/routes.tsx, relative to apps/web). A module that is not a chunk of its own in
 * the manifest is bundled in the entry (as before code splitting), so the route needs nothing more.
 */
const routes = [
  { path: '/', modules: [] },
  { path: '/dang-nhap', modules: [] },
  { path: '/khoa-hoc', modules: ['src/app/routes/learn/catalog-page.tsx'] },
  { path: '/khoa-hoc/:slug', modules: ['src/app/routes/learn/course-page.tsx'] },
  { path: '/khoa-hoc/:slug/bai/:lessonId', modules: ['src/app/routes/learn/lesson-page.tsx'] },
  { path: '/hoc-tap-cua-toi', modules: ['src/app/routes/learn/my-learning-page.tsx'] },
  { path: '/giang-day', modules: ['src/app/routes/teach/my-courses-page.tsx'] },
  { path: '/giang-day/khoa-hoc/:courseId', modules: ['src/app/routes/teach/course-editor-page.tsx'] },
  { path: '/quan-tri/nguoi-dung', modules: ['src/app/routes/admin/users-page.tsx'] },
];

function fail(message) {
  console.error(`web-bundle: ${message}`);
  process.exit(1);
}

const indexHtmlPath = join(dist, 'index.html');
const manifestPath = join(dist, '.vite/manifest.json');
if (!existsSync(indexHtmlPath)) fail(`${indexHtmlPath} not found: build the web app first (npx nx run web:build)`);
if (!existsSync(manifestPath)) fail(`${manifestPath} not found: the build must set build.manifest`);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** Files the HTML makes the browser fetch up front: module scripts, modulepreload and stylesheet links. */
function htmlAssets(html) {
  const files = new Set();
  const strip = (url) => url.replace(/^\//, '').split(/[?#]/)[0];
  for (const [, src] of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) files.add(strip(src));
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && (rel === 'modulepreload' || rel === 'stylesheet')) files.add(strip(href));
  }
  return [...files].filter((file) => /\.(js|css)$/.test(file));
}

/** A manifest chunk's own file, its CSS and, recursively, its static imports' (what Vite preloads). */
function chunkClosure(key, files = new Set(), seen = new Set()) {
  if (seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) fail(`${key} is not in the manifest`);
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) chunkClosure(imported, files, seen);
  return files;
}

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const path = join(dist, file);
    if (!existsSync(path)) fail(`${file} is referenced but missing from ${dist}`);
    const content = readFileSync(path);
    // What the server sends a browser that accepts brotli: the build's precompressed .br when there is one.
    const served = existsSync(`${path}.br`) ? readFileSync(`${path}.br`).length : content.length;
    sizeCache.set(file, { raw: content.length, gzip: gzipSync(content).length, served });
  }
  return sizeCache.get(file);
}

const entryFiles = htmlAssets(readFileSync(indexHtmlPath, 'utf8'));
if (!entryFiles.length) fail('no script or stylesheet found in index.html');

// The HTML and the manifest must agree about the entry, or one of the two readings is wrong.
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (entryKey) {
  const fromManifest = [...chunkClosure(entryKey)].sort().join(' ');
  if (fromManifest !== [...entryFiles].sort().join(' ')) console.warn(`web-bundle: index.html and the manifest list different entry files`);
}

/**
 * Chunks that import each other statically: the first to run meets the other's bindings before they
 * are set (e.g. "S is not a function" at load), which is what a code-splitting group that leaves
 * its dependencies to automatic chunking can produce. Returns each cycle as a list of files.
 */
function chunkCycles() {
  const cycles = [];
  const state = new Map(); // key -> 'visiting' | 'done'
  const stack = [];
  const visit = (key) => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const next of manifest[key]?.imports ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map((k) => manifest[k]?.file ?? k));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of Object.keys(manifest)) if (!state.has(key)) visit(key);
  return cycles;
}

const cycles = chunkCycles();

const results = routes.map(({ path, modules }) => {
  const files = new Set(entryFiles);
  const lazy = [];
  for (const module of modules) {
    if (!existsSync(join(webRoot, module))) fail(`${module} (route ${path}) does not exist: update the route table in bench/web-bundle.mjs`);
    // Not a chunk of its own: bundled in the entry.
    if (!manifest[module]?.isDynamicEntry) continue;
    lazy.push(module);
    for (const file of chunkClosure(module)) files.add(file);
  }
  const total = { js: { raw: 0, gzip: 0, served: 0, count: 0 }, css: { raw: 0, gzip: 0, served: 0, count: 0 } };
  for (const file of files) {
    const kind = file.endsWith('.css') ? 'css' : 'js';
    const { raw, gzip, served } = sizes(file);
    total[kind].raw += raw;
    total[kind].gzip += gzip;
    total[kind].served += served;
    total[kind].count += 1;
  }
  return { path, lazy, total, files: [...files].sort().map((file) => ({ file, ...sizes(file) })) };
});

if (asJson) {
  console.log(JSON.stringify({ dist, routes: results, chunkCycles: cycles }, null, 2));
} else {
  // kB = 1,000 bytes, as Vite prints them.
  const kb = (bytes) => (bytes / 1000).toFixed(1);
  const rows = [['route', 'JS files', 'JS raw kB', 'JS gzip kB', 'CSS raw kB', 'CSS gzip kB', 'total gzip kB', 'sent (br) kB']];
  for (const { path, total } of results) {
    rows.push([path, String(total.js.count), kb(total.js.raw), kb(total.js.gzip), kb(total.css.raw), kb(total.css.gzip), kb(total.js.gzip + total.css.gzip), kb(total.js.served + total.css.served)]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(`Initial JS and CSS per route (${dist}; gzip per file, zlib default level; "sent" = the build's precompressed .br files, raw where missing)\n`);
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
  if (showFiles) {
    for (const { path, lazy, files } of results) {
      console.log(`\n${path}${lazy.length ? ` (lazy: ${lazy.join(', ')})` : ''}`);
      for (const { file, raw, gzip } of files) console.log(`  ${file.padEnd(48)} ${kb(raw).padStart(8)} kB  ${kb(gzip).padStart(7)} kB gzip`);
    }
  }
}

if (cycles.length) {
  console.error(`\nweb-bundle: chunks that import each other (may fail at load):`);
  for (const cycle of cycles) console.error(`  ${cycle.join(' -> ')}`);
  process.exitCode = 1;
}
