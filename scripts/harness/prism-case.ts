/**
 * Prism's test-harness case format (see ../shared/prism-harness/README.md): a spec, Prism's server
 * flags, one curl command and the expected response. Pure helpers, so the runner stays thin.
 */
export interface PrismCase {
  name: string;
  test: string;
  spec: string;
  server: string;
  command: string;
  expectKind: 'expect' | 'expect-loose' | 'expect-keysOnly';
  expected: ExpectedResponse;
}

interface ExpectedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export function parseCase(name: string, text: string): PrismCase {
  const sections: Record<string, string> = {};
  let current = '';
  for (const line of text.split('\n')) {
    const m = /^====([\w-]+)====\s*$/.exec(line);
    if (m) {
      current = m[1];
      sections[current] = '';
    } else if (current) sections[current] += `${line}\n`;
  }
  const expectKind = (['expect', 'expect-loose', 'expect-keysOnly'] as const).find((k) => k in sections);
  if (!expectKind) throw new Error(`${name}: no expectation`);
  return {
    name,
    test: (sections.test ?? '').trim(),
    spec: sections.spec ?? '',
    server: (sections.server ?? '').trim(),
    command: (sections.command ?? '').trim(),
    expectKind,
    expected: parseExpected(sections[expectKind]),
  };
}

function parseExpected(text: string): ExpectedResponse {
  const lines = text.replace(/\r/g, '').split('\n');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(lines[0] ?? '')?.[1]);
  const headers: [string, string][] = [];
  let i = 1;
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    const idx = lines[i].indexOf(':');
    if (idx > 0) headers.push([lines[i].slice(0, idx).trim().toLowerCase(), lines[i].slice(idx + 1).trim()]);
  }
  return {
    status,
    headers,
    body: lines
      .slice(i + 1)
      .join('\n')
      .trim(),
  };
}

/** A POSIX-shell-like split: single quotes are literal, double quotes allow backslash escapes. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let has = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? command.length : end;
      has = true;
    } else if (c === '"') {
      i++;
      for (; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1])) i++;
        word += command[i];
      }
      has = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) words.push(word);
      word = '';
      has = false;
    } else {
      word += c;
      has = true;
    }
  }
  if (has) words.push(word);
  return words;
}

export interface CurlRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body?: string | FormData;
  head: boolean;
}

/** The subset of curl the harness uses: -i -X -H -d/--data(-urlencode) -F --head -I --cookie --url. */
export function parseCurl(command: string): CurlRequest {
  const words = shellWords(command);
  if (words[0] !== 'curl') throw new Error(`not a curl command: ${command}`);
  const req: CurlRequest = { url: '', method: '', headers: [], head: false };
  const data: string[] = [];
  let form: FormData | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const next = () => words[++i] ?? '';
    if (w === '-X' || w === '--request') req.method = next();
    else if (w === '-H' || w === '--header') {
      const h = next();
      const idx = h.indexOf(':');
      req.headers.push([h.slice(0, idx).trim(), h.slice(idx + 1).trim()]);
    } else if (w === '-d' || w === '--data' || w === '--data-raw' || w === '--data-binary') data.push(next());
    else if (w === '--data-urlencode') {
      const v = next();
      const eq = v.indexOf('=');
      data.push(
        eq === -1 ? encodeURIComponent(v) : `${v.slice(0, eq)}=${encodeURIComponent(v.slice(eq + 1))}`,
      );
    } else if (w === '-F' || w === '--form') {
      form ??= new FormData();
      const v = next();
      const eq = v.indexOf('=');
      form.append(v.slice(0, eq), v.slice(eq + 1));
    } else if (w === '--cookie' || w === '-b') req.headers.push(['Cookie', next()]);
    else if (w === '--url') req.url = next();
    else if (w === '--head' || w === '-I') req.head = true;
    else if (/^-[a-zA-Z]+$/.test(w)) {
      // Combined short flags such as -sIXGET: I = head, X = method (rest of the word).
      const x = w.indexOf('X');
      if (w.slice(1, x === -1 ? undefined : x).includes('I')) req.head = true;
      if (x !== -1) req.method = w.slice(x + 1) || next();
    } else if (!w.startsWith('-')) req.url = w;
  }
  if (form) req.body = form;
  else if (data.length > 0) {
    req.body = data.join('&');
    if (!req.headers.some(([k]) => k.toLowerCase() === 'content-type'))
      req.headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  req.method ||= req.head ? 'HEAD' : req.body !== undefined ? 'POST' : 'GET';
  return req;
}

export interface Verdict {
  pass: boolean;
  reasons: string[];
}

/** The comparison rules of the harness README, plus the listed headers the issue asks for. */
export function judge(kase: PrismCase, status: number, headers: Headers, body: string): Verdict {
  const reasons: string[] = [];
  const { expected, expectKind } = kase;
  if (status !== expected.status) reasons.push(`status ${status}, expected ${expected.status}`);
  const mediaType = (v: string | null) => (v ?? '').split(';')[0].trim().toLowerCase();
  const expectedType = expected.headers.find(([k]) => k === 'content-type')?.[1];
  if (
    expectKind !== 'expect-loose' &&
    expectedType !== undefined &&
    mediaType(headers.get('content-type')) !== mediaType(expectedType)
  ) {
    reasons.push(`content-type ${headers.get('content-type')}, expected ${expectedType}`);
  }
  for (const [name, value] of expected.headers) {
    if (['content-type', 'date', 'content-length', 'sl-violations', 'vary', 'connection'].includes(name))
      continue;
    const actual = headers.get(name);
    if (actual === null) reasons.push(`missing header ${name}`);
    else if (name.startsWith('access-control-') && actual.toLowerCase() !== value.toLowerCase())
      reasons.push(`${name}: ${actual}, expected ${value}`);
    else if (
      name === 'www-authenticate' &&
      actual.split(/[\s,]/)[0].toLowerCase() !== value.split(/[\s,]/)[0].toLowerCase()
    )
      reasons.push(`www-authenticate: ${actual}, expected ${value}`);
  }
  // Prism's problem bodies (its own `type` URIs and wording) are not compared, listed type or not.
  const expectedParsed = tryJson(expected.body);
  const isPrismProblem =
    expectedParsed.ok &&
    isObject(expectedParsed.value) &&
    String(expectedParsed.value.type ?? '').startsWith('https://stoplight.io/prism/errors');
  const isProblem = mediaType(expectedType ?? null) === 'application/problem+json' || isPrismProblem;
  if (expected.body !== '' && !isProblem) {
    const actualJson = tryJson(body);
    const expectedJson = tryJson(expected.body);
    if (expectKind === 'expect') {
      const same =
        actualJson.ok && expectedJson.ok
          ? deepEqual(actualJson.value, expectedJson.value)
          : body.trim() === expected.body.trim();
      if (!same) reasons.push(`body ${truncate(body)}, expected ${truncate(expected.body)}`);
    } else if (expectedJson.ok && isObject(expectedJson.value)) {
      const actualKeys = actualJson.ok && isObject(actualJson.value) ? Object.keys(actualJson.value) : [];
      const expectedKeys = Object.keys(expectedJson.value);
      const ok =
        expectKind === 'expect-keysOnly'
          ? actualKeys.join() === expectedKeys.join()
          : expectedKeys.every((k) => actualKeys.includes(k));
      if (!ok) reasons.push(`keys [${actualKeys.join(', ')}], expected [${expectedKeys.join(', ')}]`);
    }
  }
  return { pass: reasons.length === 0, reasons };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function truncate(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 160 ? `${one.slice(0, 160)}…` : one;
}
