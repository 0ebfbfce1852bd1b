import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived playback tokens carried in the URL path (`/api/media/stream/<token>/master.m3u8`), so
 * an HLS player's relative segment requests carry them without custom headers.
 * Format: `<assetId>.<expiry, unix seconds, base 36>.<HMAC-SHA256 base64url>`.
 */
export const STREAM_TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}$/;

export function signStreamToken(secret: string, assetId: string, expiresAt: number): string {
  const body = `${assetId}.${Math.floor(expiresAt).toString(36)}`;
  return `${body}.${mac(secret, body)}`;
}

/** The asset id when the token is authentic and unexpired, else null. */
export function verifyStreamToken(secret: string, token: string, now = Date.now() / 1000): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [assetId, exp, sig] = parts;
  if (!/^[0-9a-f-]{36}$/i.test(assetId) || !/^[0-9a-z]{1,12}$/.test(exp)) return null;
  const expected = Buffer.from(mac(secret, `${assetId}.${exp}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (parseInt(exp, 36) < now) return null;
  return assetId;
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', `media-stream:${secret}`).update(body).digest('base64url');
}
