import { Inject, Injectable } from '@nestjs/common';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Role } from '@bdhv/contracts';
import { AuthUser } from './auth-user';
import { SecretsService } from './secrets.service';
import { APP_CONFIG, AppConfig } from '../config/config';

interface AccessClaims {
  sub: string;
  roles: Role[];
  unit: string;
  path: string;
  sid: string;
}

const ISSUER = 'bdhv';

/** Short-lived HS256 access tokens (self-contained, verified without a database round trip). */
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

  issueAccessToken(user: Omit<AuthUser, 'sessionId'>, sessionId: string): string {
    return this.sign({ sub: user.id, roles: user.roles, unit: user.orgUnitId, path: user.orgUnitPath, sid: sessionId });
  }

  /** The caller, or null when the token is malformed, forged or expired. */
  verifyAccessToken(token: string): AuthUser | null {
    try {
      const c = this.verify(token);
      return { id: c.sub, roles: c.roles, orgUnitId: c.unit, orgUnitPath: c.path, sessionId: c.sid };
    } catch {
      return null;
    }
  }
}
