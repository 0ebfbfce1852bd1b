import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@bdhv/contracts';
import { isIPv6 } from 'node:net';
import { AppException } from '../../common/app-exception';
import { RATE_LIMIT_STORE, RateLimitStore, TokenBucket } from '../../common/rate-limiter';
import { APP_CONFIG, AppConfig } from '../../config/config';

/** Longest lockout of an account after repeated failures. */
const MAX_LOCK_SECONDS = 24 * 3600;

/**
 * The address a pace applies to: an IPv4 address, or the /64 an IPv6 address belongs to (one
 * household or phone gets a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** "N phút" from a minute on, "N giây" below. */
function waitText(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} phút` : `${Math.max(1, Math.ceil(seconds))} giây`;
}

function tooMany(retryAfterSeconds: number, message: string): AppException {
  const e = new AppException(429, ErrorCode.TOO_MANY_REQUESTS, message);
  (e as AppException & { retryAfter?: number }).retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return e;
}

/**
 * The two limits on password checks (docs/decisions.md, "Login throttling"):
 * - per account: `LOGIN_MAX_FAILURES` wrong passwords within `LOGIN_WINDOW_SECONDS`, then 429 with a
 *   wait that doubles with every further try (the right password included);
 * - per address: a token bucket of wrong passwords (`LOGIN_ADDRESS_BURST` at once, then
 *   `LOGIN_ADDRESS_PER_MINUTE`). A check takes a token and a correct password gives it back, so only
 *   wrong passwords spend the address's allowance; when none is left, the wait is seconds, never
 *   growing. Browsers trusted for the account (see TrustedDevices) are not paced by the address.
 */
@Injectable()
export class LoginThrottle {
  private readonly bucket: TokenBucket;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {
    this.bucket = { capacity: config.auth.loginAddressBurst, perSecond: config.auth.loginAddressPerMinute / 60 };
  }

  /** The counter key of an account as typed at sign-in (normalised email or phone). */
  static accountKey(identifier: string): string {
    return `login:acct:${identifier}`;
  }

  /** Refuses (429) while any of these accounts is locked; each refused try doubles the wait. */
  async assertAccountsOpen(keys: string[]): Promise<void> {
    for (const key of keys) {
      if ((await this.store.peek(key)).count >= this.config.auth.loginMaxFailures) {
        // Still hammering while locked: the wait keeps doubling.
        const lock = await this.countFailure(key);
        throw tooMany(lock, `Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${waitText(lock)}.`);
      }
    }
  }

  /**
   * Admits one password check from this address, or refuses it (429, a wait of seconds). Returns
   * what to call when the password was right: the token goes back, so correct passwords cost the
   * address nothing.
   */
  async admitAddress(ip: string, trusted: boolean): Promise<{ succeeded: () => Promise<void> }> {
    if (trusted) return { succeeded: async () => undefined };
    const key = `login:addr:${addressKey(ip)}`;
    const { taken, retryAfterSeconds } = await this.store.takeToken(key, this.bucket);
    if (!taken) {
      throw tooMany(retryAfterSeconds, `Có nhiều lần đăng nhập sai từ cùng mạng Internet với bạn. Vui lòng thử lại sau ${waitText(retryAfterSeconds)}.`);
    }
    return { succeeded: () => this.store.returnToken(key, this.bucket) };
  }

  /** Counts a wrong password against each account; returns the keys this failure has just locked. */
  async accountsFailed(keys: string[]): Promise<string[]> {
    const locked: string[] = [];
    for (const key of keys) {
      if ((await this.countFailure(key)) === this.config.auth.loginWindowSeconds) locked.push(key);
    }
    return locked;
  }

  async accountsSucceeded(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.reset(key);
  }

  /** Counts a failure; from the limit on, locks the key for window × 2^(failures − limit) seconds. Returns the lock (0 if none). */
  private async countFailure(key: string): Promise<number> {
    const { loginMaxFailures: limit, loginWindowSeconds: window } = this.config.auth;
    const { count } = await this.store.hit(key, window);
    if (count < limit) return 0;
    const lock = Math.min(window * 2 ** (count - limit), MAX_LOCK_SECONDS);
    await this.store.extend(key, lock);
    return lock;
  }
}
