import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The built web app's index.html, read once at boot. Unknown non-API GET requests that accept
 * HTML get it, so client-side routes survive a reload.
 */
export class SpaIndex {
  private constructor(private readonly html: string | null) {}

  static load(webDistDir: string | null): SpaIndex {
    if (!webDistDir) return new SpaIndex(null);
    const file = path.join(webDistDir, 'index.html');
    return new SpaIndex(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  }

  get available(): boolean {
    return this.html !== null;
  }

  serves(request: FastifyRequest): boolean {
    if (!this.html) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const url = request.url;
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) return false;
    const accept = request.headers.accept ?? '';
    return accept.includes('text/html') || accept.includes('*/*') || accept === '';
  }

  send(reply: FastifyReply): void {
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(this.html);
  }
}
