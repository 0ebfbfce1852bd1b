/**
 * Writes `.br` and `.gz` beside every compressible file of the built web app, so the API's static
 * server (`@fastify/static` with `preCompressed`) sends them without compressing on each request.
 * Our learners are on weak mobile connections: the first page is about three times smaller this way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this, headers cost more than the bytes saved. */
const MIN_BYTES = 1024;

async function* files(dir) {
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

let raw = 0;
let br = 0;
let count = 0;
for await (const file of files(dist)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const content = await fs.promises.readFile(file);
  if (content.length < MIN_BYTES) continue;
  const [b, g] = await Promise.all([
    brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    gzip(content, { level: 9 }),
  ]);
  await fs.promises.writeFile(`${file}.br`, b);
  await fs.promises.writeFile(`${file}.gz`, g);
  raw += content.length;
  br += b.length;
  count++;
}
console.log(`precompressed ${count} files: ${(raw / 1000).toFixed(0)} kB → ${(br / 1000).toFixed(0)} kB with brotli`);
