/**
 * Which names speak of paging: request parameters (the page asked for) and response members or
 * headers (where the next page is). Names are folded (case, `_`, `-`, `.`, `$`, `@` dropped), so
 * `next_page_uri`, `nextPageUri` and `@odata.nextLink` read alike.
 */

export const fold = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** How a request parameter moves through a list. */
export type ParamKind = 'page' | 'offset' | 'cursor';

const PARAM_KINDS: Record<string, ParamKind> = {};
for (const n of ['page', 'pagenumber', 'pageno', 'pageindex', 'currentpage', 'pagenum'])
  PARAM_KINDS[n] = 'page';
for (const n of ['offset', 'start', 'skip', 'startindex', 'startat', 'startrow']) PARAM_KINDS[n] = 'offset';
for (const n of [
  'cursor',
  'pagetoken',
  'nextpagetoken',
  'nexttoken',
  'after',
  'startingafter',
  'startcursor',
  'continuationtoken',
  'continuation',
  'marker',
  'nextmarker',
  'skiptoken',
  'pagecursor',
  'nextcursor',
  'token',
])
  PARAM_KINDS[n] = 'cursor';

export function paramKind(name: string): ParamKind | undefined {
  return PARAM_KINDS[fold(name)];
}

/** Where a member or header points: another page, or a fact about the list's end. */
export type Role =
  | 'next'
  | 'prev'
  | 'first'
  | 'last'
  | 'self'
  | 'hasMore'
  | 'isLast'
  | 'hasPrev'
  | 'totalPages'
  /** The number of the page answered (Telnyx's `meta.page_number`, read against `total_pages`). */
  | 'pageNumber'
  /** Items per page (Bitbucket's `pagelen`). */
  | 'pageSize';

const ROLE_STEMS: [Role, RegExp][] = [
  [
    'next',
    /^(next|nextpage)(url|uri|link|href|pageurl|pageuri|pagelink|token|pagetoken|cursor|pagecursor|marker|offset|continuationtoken)?$/,
  ],
  ['next', /^(odatanextlink|nextlink|continuationtoken|nextcontinuationtoken|endcursor|cursor)$/],
  [
    'prev',
    /^(prev|previous|prevpage|previouspage)(url|uri|link|href|pageurl|pageuri|pagelink|token|pagetoken|cursor)?$/,
  ],
  ['first', /^(first|firstpage)(url|uri|link|href|pageurl|pageuri|pagelink)?$/],
  ['last', /^(last|lastpage)(url|uri|link|href|pageurl|pageuri|pagelink)?$/],
  // Spotify's paging object names its own page `href`.
  ['self', /^(self(url|uri|link|href)?|href)$/],
  ['hasMore', /^(hasmore|hasnext|hasnextpage|more|moreresults|morepages|hasmoreresults|hasmoreitems)$/],
  ['isLast', /^(islast|islastpage|lastpage|endoflist)$/],
  ['hasPrev', /^(hasprev|hasprevious|haspreviouspage|hasprevpage)$/],
  ['totalPages', /^(totalpages|pagecount|numpages|pagestotal)$/],
  ['pageNumber', /^(page|pagenumber|currentpage|pageno|pagenum|pageindex)$/],
  ['pageSize', /^(pagelen|pagesize|perpage|itemsperpage|resultsperpage)$/],
];

const roleCache = new Map<string, Role | null>();

/** The paging role of a response member or header (`x-next-page` reads as `next-page`). */
export function roleOf(name: string, header = false): Role | undefined {
  let f = fold(name);
  if (header && f.startsWith('x') && !f.startsWith('xo')) f = f.slice(1);
  let r = roleCache.get(f);
  if (r === undefined) {
    r = ROLE_STEMS.find(([, re]) => re.test(f))?.[0] ?? null;
    if (roleCache.size > 2000) roleCache.clear();
    roleCache.set(f, r);
  }
  return r ?? undefined;
}

/** How a value names a page: an absolute URL, a URL path relative to the API root, or a token. */
export type Notation = 'url' | 'path' | 'token' | 'number';

/** The notation a member's name asks for (`next_page_uri` a path, `nextPageToken` a token). */
export function notationOf(name: string, example: unknown): Notation[] {
  const f = fold(name);
  if (/(token|cursor|marker|offset|after|before)$/.test(f)) return ['token', 'number'];
  if (/(uri|path)$/.test(f)) return ['path', 'url'];
  if (/(url|link|href)$/.test(f)) return ['url', 'path'];
  if (typeof example === 'string' && example !== '' && !/^(https?:)?\//.test(example))
    return ['token', 'number'];
  return ['url', 'path', 'number', 'token'];
}
