import { Inject, Injectable } from '@nestjs/common';
import { createSigner, createVerifier } from 'fast-jwt';
import { SecretsService } from './secrets.service';
import { APP_CONFIG, AppConfig } from '../config/config';

interface AccessClaims {
  sub: string;
  sid: string;
}

/** Who a valid access token names: the account and its session (refresh-token family). */
export interface TokenIdentity {
  id: string;
  sessionId: string;
}

const ISSUER = 'bdhv';

/**
 * Short-lived HS256 access tokens, verified without a database round trip. They identify the caller
 * only: roles, unit and status are read per request from CallerStateService, so a change to them
 * never waits for the token to expire.
 */
@Injectable()
export class AccessTokenService {
  private readonly sign: (claims: AccessClaims) => string;
  private readonly verify: (token: string) => AccessClaims;
  readonly accessTtlSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, secrets: SecretsService) {
    this.accessTtlSeconds = config.auth.accessTokenTtlSeconds;
    this.sign = createSigner({ key: secrets.jwtSecret, algorithm: 'HS256', iss: ISSUER, expiresIn: this.accessTtlSeconds * 1000 }) as (c: AccessClaims) => string;
    this.verify = createVerifier({ key: secrets.jwtSecret, algorithms: ['HS256'], allowedIss: ISSUER, cache: 10_000 }) as (t: string) => AccessClaims;
  }

  issueAccessToken(userId: string, sessionId: string): string {
    return this.sign({ sub: userId, sid: sessionId });
  }

  /** Who the token names, or null when it is malformed, forged or expired. */
  verifyAccessToken(token: string): TokenIdentity | null {
    try {
      const c = this.verify(token);
      if (typeof c.sub !== 'string' || typeof c.sid !== 'string') return null;
      return { id: c.sub, sessionId: c.sid };
    } catch {
      return null;
    }
  }
}
