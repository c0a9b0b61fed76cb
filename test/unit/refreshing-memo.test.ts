import { describe, expect, it } from 'vitest';
import { RefreshingMemo } from '../../worker/util/refreshing-memo';

describe('RefreshingMemo (settings and mirror memos)', () => {
  it('answers a fresh value at once, and lets one call refresh a due one while the others keep it', async () => {
    const memo = new RefreshingMemo<string>(1000, 500);
    let fetches = 0;
    const pending: ((v: string) => void)[] = [];
    const fetch = () => {
      fetches += 1;
      return new Promise<string>((resolve) => pending.push(resolve));
    };
    memo.remember('a', 'old', 0);
    expect(memo.read('a', 999, fetch)).toBe('old');
    const refreshing = memo.read('a', 1000, fetch);
    expect(refreshing).toBeInstanceOf(Promise);
    expect(memo.read('a', 1200, fetch)).toBe('old'); // within the grace, no second fetch
    expect(fetches).toBe(1);
    expect(memo.read('a', 1500, fetch)).toBeInstanceOf(Promise); // past the grace: it asks too
    expect(fetches).toBe(2);
    pending[0]('new');
    expect(await refreshing).toBe('new');
    expect(memo.read('a', 1600, fetch)).toBe('new'); // kept, fresh from the refresh's clock reading
    pending[1]('newer');
  });

  it('never keeps what `keep` rejects, and forgets on demand', async () => {
    const memo = new RefreshingMemo<string | null>(1000, 500, (v) => v !== null);
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      return null;
    };
    expect(await memo.read('gone', 0, fetch)).toBeNull();
    expect(await memo.read('gone', 1, fetch)).toBeNull();
    expect(fetches).toBe(2);
    memo.remember('b', 'v', 0);
    memo.forget('b');
    expect(memo.read('b', 1, async () => 'w')).toBeInstanceOf(Promise);
  });
});
