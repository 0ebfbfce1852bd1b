import { addressKey } from './login-throttle';

describe('addressKey', () => {
  it('keeps IPv4 addresses, including IPv4 written as IPv6', () => {
    expect(addressKey('203.113.4.7')).toBe('203.113.4.7');
    expect(addressKey('::ffff:203.113.4.7')).toBe('203.113.4.7');
  });

  it('counts an IPv6 address by its /64, however it is spelled', () => {
    const key = '2402:800:6314:1a2::/64';
    for (const ip of ['2402:800:6314:1a2::1', '2402:0800:6314:01a2:abcd:1:2:3', '2402:800:6314:1A2:FFFF::9']) {
      expect({ ip, key: addressKey(ip) }).toEqual({ ip, key });
    }
    expect(addressKey('2402:800:6314:1a3::1')).not.toBe(key);
    expect(addressKey('2402:800::1')).toBe('2402:800:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
