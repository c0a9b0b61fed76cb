/**
 * The one-label host names of mocks under MOCK_DOMAIN (`petstore.mock.example.com`), so an SDK with
 * a fixed base path can be pointed at a mock without a path prefix. One label, because a wildcard
 * certificate covers one level. DNS labels are case-insensitive `[a-z0-9-]` (at most 63, no hyphen
 * at either end), while version names may hold upper case, `.` and `_`, so versions are encoded:
 *
 *  - `{api}`: the API's `latest`;
 *  - `{api}--{version}`: a version with its dots written as `-` (`petstore--1-2-0` is 1.2.0);
 *  - `{api}---{version}`: a version with more hyphens than dots, its hyphens kept as they are
 *    (`twilio---2010-04-01`);
 *  - in either, every other character is `z` and a code: `z` + a letter is that letter in upper
 *    case (`zv1` is V1), `z0` is `z`, `z1` is `.`, `z2` is `-`, `z3` is `_`; a separator at either
 *    end of the version, or right after another, is written as its code too;
 *  - `sb-{32 hex}`: the sandbox `sb_{32 hex}`;
 *  - `{api}--latest`: the API's `latest` when `{api}` alone would read as something else (a name
 *    holding `--`, or shaped like a sandbox label).
 *
 * Every target has exactly one label and every label at most one target: a label is accepted only
 * when it is the canonical encoding of what it decodes to, so no second spelling reaches a mock.
 */

export type HostTarget = { kind: 'api'; api: string; version: string } | { kind: 'sandbox'; id: string };

const API_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const VERSION_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const SANDBOX_LABEL = /^sb-([0-9a-f]{32})$/;
/** The API part, the separator (`--` dots, `---` hyphens) and a version with single inner hyphens. */
const VERSIONED = /^(.*[a-z0-9])(-{2,3})([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const MAX_LABEL = 63;
const CODES: Record<string, string> = { '0': 'z', '1': '.', '2': '-', '3': '_' };
const CODE_OF: Record<string, string> = { z: 'z0', '.': 'z1', '-': 'z2', _: 'z3' };

/** The host label of a mock target, or undefined when none fits in one DNS label. */
export function hostLabel(target: HostTarget): string | undefined {
  const label =
    target.kind === 'sandbox'
      ? `sb-${target.id.replace(/^sb_/, '')}`
      : target.version === 'latest'
        ? latestLabel(target.api)
        : versionLabel(target.api, target.version);
  // A label starting `xn--` would be read as an internationalized name and refused by URL parsers.
  return label.length <= MAX_LABEL && !label.startsWith('xn--') ? label : undefined;
}

function latestLabel(api: string): string {
  return api.includes('--') || SANDBOX_LABEL.test(api) ? `${api}--latest` : api;
}

function versionLabel(api: string, version: string): string {
  const dots = version.split('.').length - 1;
  const hyphens = version.split('-').length - 1;
  const bare = hyphens > dots ? '-' : '.';
  let out = '';
  let previousBare = false;
  for (const [i, c] of [...version].entries()) {
    const isBare: boolean = c === bare && i > 0 && i < version.length - 1 && !previousBare;
    previousBare = isBare;
    if (isBare) out += '-';
    else if (/[a-y0-9]/.test(c)) out += c;
    else if (/[A-Z]/.test(c)) out += `z${c.toLowerCase()}`;
    else out += CODE_OF[c];
  }
  return `${api}${bare === '.' ? '--' : '---'}${out}`;
}

/** What a host label names, or undefined when it is not the canonical label of any mock. */
export function parseHostLabel(label: string): HostTarget | undefined {
  if (label.length > MAX_LABEL) return undefined;
  const sandbox = SANDBOX_LABEL.exec(label);
  if (sandbox) return { kind: 'sandbox', id: `sb_${sandbox[1]}` };
  const target = decode(label);
  return target && hostLabel(target) === label ? target : undefined;
}

function decode(label: string): HostTarget | undefined {
  if (!label.includes('--'))
    return API_NAME.test(label) ? { kind: 'api', api: label, version: 'latest' } : undefined;
  const m = VERSIONED.exec(label);
  if (!m || !API_NAME.test(m[1])) return undefined;
  const [, api, separator, encoded] = m;
  if (separator === '--' && encoded === 'latest') return { kind: 'api', api, version: 'latest' };
  const bare = separator === '--' ? '.' : '-';
  let version = '';
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i];
    if (c === '-') version += bare;
    else if (c !== 'z') version += c;
    else {
      const code = encoded[++i] ?? '';
      if (/[a-z]/.test(code)) version += code.toUpperCase();
      else if (CODES[code]) version += CODES[code];
      else return undefined;
    }
  }
  const valid = VERSION_NAME.test(version) && version !== 'latest' && version !== '.' && version !== '..';
  return valid ? { kind: 'api', api, version } : undefined;
}

/**
 * Where a request's host stands with respect to the mock domain: a mock's own host (`target`), a
 * host under the domain that names no mock (`unknown`: answered 404, never by the service), or
 * outside it (`outside`, which includes the mock domain itself).
 */
export function hostTargetOf(
  hostname: string,
  mockDomain: string,
): { kind: 'target'; target: HostTarget } | typeof UNKNOWN | typeof OUTSIDE {
  // Every request asks: no string is built unless the host is under the domain.
  const host = hostname.toLowerCase();
  const end = host.endsWith('.') ? host.length - 1 : host.length;
  const dot = end - mockDomain.length - 1;
  if (!mockDomain || dot <= 0 || host[dot] !== '.' || !host.startsWith(mockDomain, dot + 1)) return OUTSIDE;
  const label = host.slice(0, dot);
  const target = label.includes('.') ? undefined : parseHostLabel(label);
  return target ? { kind: 'target', target } : UNKNOWN;
}

const OUTSIDE = { kind: 'outside' } as const;
const UNKNOWN = { kind: 'unknown' } as const;
