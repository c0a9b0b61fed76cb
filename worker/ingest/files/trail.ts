import { escapeToken } from '../json-pointer';

/**
 * A JSON pointer grown one token at a time and written out only when asked. Copying a bundle
 * visits every node but needs a pointer only where a `$ref` is, so building one string per node
 * (as long as the node is deep) would cost more than the copy itself.
 */
export class Trail {
  private constructor(
    private readonly up: Trail | undefined,
    /** The escaped pointer of a root trail; the raw token of any other. */
    private readonly token: string,
  ) {}

  static at(pointer: string): Trail {
    return new Trail(undefined, pointer);
  }

  child(token: string): Trail {
    return new Trail(this, token);
  }

  toString(): string {
    if (!this.up) return this.token;
    const tokens: string[] = [escapeToken(this.token)];
    let t: Trail = this.up;
    for (; t.up; t = t.up) tokens.push(escapeToken(t.token));
    return `${t.token}/${tokens.reverse().join('/')}`;
  }
}
