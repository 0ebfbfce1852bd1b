import { Injectable } from '@nestjs/common';
import { createSigner, createVerifier } from 'fast-jwt';
import { createHmac } from 'node:crypto';
import { SecretsService } from '../../common/secrets.service';

/** How long a browser stays trusted for an account after its last successful sign-in there. */
export const DEVICE_TRUST_DAYS = 90;
/** Accounts remembered per browser: a shared computer at a commune office serves several people. */
const MAX_ACCOUNTS = 8;
const DEVICE_ISSUER = 'bdhv-device';

/**
 * "This browser has signed in to this account before" (OWASP's device cookie): a signed token in an
 * httpOnly cookie, renewed on every successful sign-in. A wrong password from a trusted browser still
 * counts against the account, but the address's pace never holds it back, so one person spraying
 * passwords behind a shared address cannot keep the others out. It lists keyed hashes of account
 * ids, not the ids: on a shared computer the cookie says nothing about who used it.
 */
@Injectable()
export class TrustedDevices {
  private readonly sign: (claims: { a: string[] }) => string;
  private readonly verify: (token: string) => { a?: unknown };
  private readonly key: string;

  constructor(secrets: SecretsService) {
    this.key = secrets.jwtSecret;
    // Its own issuer: neither an access token nor a single sign-on state is accepted here.
    this.sign = createSigner({ key: secrets.jwtSecret, algorithm: 'HS256', iss: DEVICE_ISSUER, expiresIn: DEVICE_TRUST_DAYS * 86_400_000 }) as (c: { a: string[] }) => string;
    this.verify = createVerifier({ key: secrets.jwtSecret, algorithms: ['HS256'], allowedIss: DEVICE_ISSUER }) as (t: string) => { a?: unknown };
  }

  /** True when the token (the browser's cookie) was issued after a sign-in to this account. */
  trusts(token: string | undefined, userId: string): boolean {
    return this.accounts(token).includes(this.tag(userId));
  }

  /** The browser's new token after a successful sign-in to `userId`: that account first, the oldest dropped. */
  remember(token: string | undefined, userId: string): string {
    const tag = this.tag(userId);
    return this.sign({ a: [tag, ...this.accounts(token).filter((t) => t !== tag)].slice(0, MAX_ACCOUNTS) });
  }

  private accounts(token: string | undefined): string[] {
    if (!token) return [];
    try {
      const { a } = this.verify(token);
      return Array.isArray(a) ? a.filter((t): t is string => typeof t === 'string') : [];
    } catch {
      // Expired, forged or from another deployment: simply not trusted.
      return [];
    }
  }

  private tag(userId: string): string {
    return createHmac('sha256', this.key).update(`device-trust:${userId}`).digest('base64url').slice(0, 22);
  }
}
