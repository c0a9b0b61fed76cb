import { describe, expect, it } from 'vitest';
import { ReadCache, readKey } from '../../../worker/sandbox/durable/read-cache';
import type { MockRequest } from '../../../worker/mock/call';

/**
 * Issue 22: a sandbox keeps its answers to reads until its next write. Every input of a read is in
 * the key, a write of any kind drops what was kept, and an answer made while something was written
 * (a first read that seeds) is not kept.
 */
const read: MockRequest = {
  method: 'GET',
  path: '/pets/1',
  baseUrl: 'https://h/sandbox/sb_1',
  query: [['a', 'b&c']],
  headers: { accept: 'application/json' },
};

describe('sandbox read cache', () => {
  it('keys every input of a read, and no call that is not a bodiless read', () => {
    const key = readKey(read);
    expect(key).toBeDefined();
    const changed: MockRequest[] = [
      { ...read, method: 'HEAD' },
      { ...read, path: '/pets/2' },
      { ...read, baseUrl: 'https://other/sandbox/sb_1' },
      {
        ...read,
        query: [
          ['a', 'b'],
          ['c', ''],
        ],
      },
      { ...read, headers: { accept: 'application/xml' } },
      { ...read, headers: { accept: 'application/json', authorization: 'Bearer x' } },
    ];
    for (const other of changed) expect(readKey(other), JSON.stringify(other)).not.toBe(key);
    expect(readKey({ ...read, method: 'POST' })).toBeUndefined();
    expect(
      readKey({ ...read, body: { text: '{}', contentType: 'application/json' } } as MockRequest),
    ).toBeUndefined();
    expect(readKey({ ...read, fields: [['channel', 'C1']] })).toBeUndefined();
  });

  it('answers a kept read until the store is written', () => {
    const cache = new ReadCache<string>();
    expect(cache.get('k', 0)).toBeUndefined();
    cache.set('k', 'answer', 0, 0, 6);
    expect(cache.get('k', 0)).toBe('answer');
    expect(cache.get('k', 1)).toBeUndefined();
    expect(cache.get('k', 0)).toBeUndefined();
  });

  it('does not keep an answer made while the store was written', () => {
    const cache = new ReadCache<string>();
    expect(cache.get('k', 3)).toBeUndefined();
    cache.set('k', 'seeded', 3, 5, 6);
    expect(cache.get('k', 5)).toBeUndefined();
    cache.set('k', 'again', 5, 5, 6);
    expect(cache.get('k', 5)).toBe('again');
  });
});
