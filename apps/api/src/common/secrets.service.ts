import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';

interface StoredSecrets {
  jwtSecret: string;
  dataEncryptionKey: string;
}

/**
 * The signing secret and the data-encryption key. Production sets them in the environment (the
 * config refuses to boot without them); the embedded default generates them once and keeps them in
 * `<data dir>/secrets.json` (mode 600), so sessions and encrypted fields survive restarts.
 */
@Injectable()
export class SecretsService {
  readonly jwtSecret: string;
  private readonly encKey: Buffer;
  private readonly hmacKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    let stored: StoredSecrets | null = null;
    const load = () => (stored ??= loadOrCreateSecrets(config.dataDir));
    this.jwtSecret = config.auth.jwtSecret ?? load().jwtSecret;
    const master = Buffer.from(config.dataEncryptionKey ?? load().dataEncryptionKey, 'base64');
    // Separate keys for separate purposes, derived from the one configured key.
    this.encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'bdhv field encryption v1', 32));
    this.hmacKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'bdhv lookup hmac v1', 32));
  }

  /** AES-256-GCM; output is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash, to find a record by a protected value without decrypting. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.hmacKey).update(value).digest('hex');
  }
}

function loadOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSecrets;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = { jwtSecret: randomBytes(48).toString('base64url'), dataEncryptionKey: randomBytes(32).toString('base64') };
  try {
    // wx: if another process created it first, use theirs.
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSecrets;
  }
}
