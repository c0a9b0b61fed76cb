import { describe, expect, it } from 'vitest';
import { checkTarget } from '../../../worker/hooks/target-policy';

/** Issue 21: with WEBHOOK_TARGETS=public no delivery reaches loopback, private or metadata hosts. */
describe('where a delivery may go', () => {
  it('refuses internal targets in every spelling a URL parser accepts, under public', () => {
    for (const url of [
      'http://localhost:8080/x',
      'http://api.localhost/x',
      'http://127.0.0.1/x',
      'http://2130706433/x',
      'http://0x7f.1/x',
      'http://0.0.0.0/x',
      'http://10.1.2.3/x',
      'http://172.20.0.1/x',
      'http://192.168.1.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/x',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[fd00::1]/x',
      'http://[fe80::1]/x',
      'http://metadata.google.internal/x',
      'http://printer.local/x',
      'http://intranet/x',
    ])
      expect(checkTarget(url, 'public').ok, url).toBe(false);
  });

  it('takes public http(s) hosts, and loopback only under any', () => {
    expect(checkTarget('https://hooks.example.com/in', 'public').ok).toBe(true);
    expect(checkTarget('http://8.8.8.8/in', 'public').ok).toBe(true);
    expect(checkTarget('http://127.0.0.1:9911/hook', 'any').ok).toBe(true);
  });

  it('refuses other schemes, credentials and non-URLs under any policy', () => {
    for (const policy of ['public', 'any'] as const) {
      expect(checkTarget('ftp://example.com/x', policy).ok).toBe(false);
      expect(checkTarget('file:///etc/passwd', policy).ok).toBe(false);
      expect(checkTarget('https://user:pw@example.com/x', policy).ok).toBe(false);
      expect(checkTarget('/relative', policy).ok).toBe(false);
    }
  });
});
