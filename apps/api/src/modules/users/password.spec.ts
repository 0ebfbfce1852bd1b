import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const hashed = await hashPassword('Mật-khẩu-2025');
    expect(hashed).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hashed, 'Mật-khẩu-2025')).resolves.toBe(true);
    await expect(verifyPassword(hashed, 'mật-khẩu-2025')).resolves.toBe(false);
  });
});
