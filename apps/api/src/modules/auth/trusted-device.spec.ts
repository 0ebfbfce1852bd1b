import { SecretsService } from '../../common/secrets.service';
import { TrustedDevices } from './trusted-device';

const devices = (secret = 'x'.repeat(40)) => new TrustedDevices({ jwtSecret: secret } as SecretsService);

describe('TrustedDevices', () => {
  it('trusts a browser for the accounts it signed in to, and no other', () => {
    const d = devices();
    const token = d.remember(d.remember(undefined, 'user-a'), 'user-b');
    expect(d.trusts(token, 'user-a')).toBe(true);
    expect(d.trusts(token, 'user-b')).toBe(true);
    expect(d.trusts(token, 'user-c')).toBe(false);
    expect(d.trusts(undefined, 'user-a')).toBe(false);
  });

  it('keeps the eight most recent accounts and names none of them in the cookie', () => {
    const d = devices();
    let token: string | undefined;
    for (let i = 0; i < 10; i++) token = d.remember(token, `user-${i}`);
    expect(d.trusts(token, 'user-9')).toBe(true);
    expect(d.trusts(token, 'user-2')).toBe(true);
    expect(d.trusts(token, 'user-1')).toBe(false);
    expect(Buffer.from(token!.split('.')[1], 'base64url').toString()).not.toContain('user-');
  });

  it('refuses a token signed with another key or tampered with', () => {
    const token = devices('y'.repeat(40)).remember(undefined, 'user-a');
    expect(devices().trusts(token, 'user-a')).toBe(false);
    const [h, , sig] = devices().remember(undefined, 'user-b').split('.');
    const forged = Buffer.from(JSON.stringify({ a: ['anything'], iss: 'bdhv-device' })).toString('base64url');
    expect(devices().trusts(`${h}.${forged}.${sig}`, 'user-b')).toBe(false);
    expect(devices().trusts('khong-phai-token', 'user-a')).toBe(false);
  });
});
