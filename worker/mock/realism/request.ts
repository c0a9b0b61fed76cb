import { listFilters, type ListFilters } from './list-filters';
import { fold } from './reflect';
import type { JsonValue, ParameterPlan } from '../plan';
import { pagingOf, type Paging } from './paging/position';
import { paramKind } from './paging/names';

/**
 * What the generator knows about the request a body answers, beyond its path parameters: which
 * resource the path names, whether the body is that resource (an item read) or something created
 * under it, the page size the caller asked for, and the HTTP status of the response. Derived once
 * per call from the operation's template and the request; everything else in realism reads it.
 */

export interface RealismInput {
  /** HTTP status of the response being generated (an error body mirrors it in `status`/`code`). */
  status?: number;
  method?: string;
  /** The spec's path template, e.g. "/repos/{owner}/{repo}/pulls/{pull_number}". */
  pathTemplate?: string;
  /** The concrete request path below the mock URL, e.g. "/repos/o/r/pulls/7". */
  requestPath?: string;
  /** The request's query pairs (page-size parameters cap list lengths). */
  query?: [string, string][];
  /** The absolute URL the spec's paths are relative to: next-page links point into the mock. */
  baseUrl?: string;
  /** The operation's parameters (which query parameter carries the page). */
  parameters?: readonly ParameterPlan[];
  /** The request body as validation decoded it (JSON or form): reflected where the response has it. */
  sent?: JsonValue;
  /** A form body's fields as sent: the text of values decoding read as numbers. */
  sentText?: readonly [string, string][];
  /** The response's schema is a page of a list (paging/list-body.ts), whatever its path says. */
  listBody?: boolean;
  /** The list's pages as a state holds them (a sandbox's stored items): its links end there. */
  listState?: ListState;
  /** The host of the API's server (`sns.{region}.amazonaws.com`): the service its ARNs name. */
  apiHost?: string;
}

/** How many pages of how many items a list has, where a state knows (paging/position.ts). */
export interface ListState {
  pages: number;
  size: number;
}

export interface RealismState {
  status?: number;
  /** The body is the resource the path's last parameter names: echo it into the root object. */
  itemRead: boolean;
  /** Name of the parameter in the template's last segment, when that segment is templated. */
  itemParam?: string;
  /** Literal segment just before the item parameter ("customers" in /v1/customers/{customer}). */
  collection?: string;
  /** Decoded request path, for `url`/`href`/`self` fields that embed the resource. */
  requestPath?: string;
  /** Largest list length the caller asked for (limit, per_page, page_size, maxResults, …). */
  pageSize?: number;
  /** Memo: whether the item parameter names the resource itself (identity.ts). */
  namesResource?: boolean;
  /** Paging parameters of the query by folded name, which the body's own paging fields repeat. */
  query?: Map<string, string>;
  method?: string;
  /** The page of a list the call asks for (paging/): set on list calls only, never on item reads. */
  paging?: Paging;
  /** A list call's categorical filters, which its items answer (list-filters.ts). */
  filters?: ListFilters;
  /** The request body's members, reflected into the response body's root (a create or update). */
  sent?: Record<string, JsonValue>;
  /** A form body's fields as sent, by folded name: the text of a value decoding made a number. */
  sentText?: Map<string, string>;
  /** The action a successful call took on the item (`cancel`): its state says so. */
  action?: string;
  /** The last literal segment of the path (`models`, `fine-tunes`): what the body is about. */
  noun?: string;
  /** The API server's host (RealismInput.apiHost). */
  apiHost?: string;
}

const PAGING = /^(page|pagesize|pagelen|perpage|limit|offset|pagenumber|start|cursor|pagetoken)$/;

const PAGE_SIZE =
  /^(?:limit|perpage|pagesize|pagelen|maxresults|maxitems|maxrecords|top|\$top|size|count|pagelimit|resultsperpage|rows|first|last|take|numresults|itemsperpage)$/;

function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The page size the query asks for, if any parameter looks like one and holds a positive integer. */
function pageSizeOf(query: [string, string][] | undefined): number | undefined {
  let size: number | undefined;
  for (const [k, v] of query ?? []) {
    if (!PAGE_SIZE.test(k.toLowerCase().replace(/[_\-.]/g, ''))) continue;
    if (!/^\d{1,6}$/.test(v)) continue;
    const n = Number(v);
    size = size === undefined ? n : Math.min(size, n);
  }
  return size;
}

/**
 * Without a path template (direct generate() callers), the last path parameter is taken to name the
 * resource, as before identity knew about templates.
 */
interface TemplateFacts {
  itemParam?: string;
  collection?: string;
  /** An action on the item (`POST /payment_intents/{intent}/cancel`): its body is the item. */
  action?: string;
  /** The last literal segment: what a list or a created item is (`/v1/models` → models). */
  lastLiteral?: string;
  /** A last segment after the item that answers the item itself (`/containers/{id}/json`). */
  view?: string;
}

/** Verbs whose endpoint answers with the item they act on, and the states they leave it in. */
export const ACTIONS: Record<string, readonly string[]> = {
  cancel: ['cancelled', 'canceled'],
  close: ['closed'],
  archive: ['archived'],
  unarchive: ['active', 'open'],
  pause: ['paused'],
  resume: ['active', 'running'],
  refund: ['refunded'],
  complete: ['completed', 'complete'],
  approve: ['approved'],
  reject: ['rejected'],
  lock: ['locked'],
  unlock: ['unlocked', 'active'],
  capture: ['succeeded', 'captured'],
  confirm: ['confirmed', 'succeeded'],
  reopen: ['open', 'reopened'],
  void: ['void', 'voided'],
  finalize: ['open', 'finalized'],
};

/**
 * Last segments after an item's parameter that answer that item without changing its state:
 * Docker's inspect (`/containers/{id}/json`), Google Tasks' `POST …/tasks/{task}/move`,
 * Spoonacular's `/recipes/{id}/information`.
 */
const ITEM_VIEWS = new Set(['json', 'move', 'information', 'info', 'details']);

const templates = new Map<string, TemplateFacts>();

/** What the path template alone says: derived once per template, not per call. */
function factsOf(template: string): TemplateFacts {
  let f = templates.get(template);
  if (f) return f;
  f = {};
  const segments = template.split('/').filter(Boolean);
  let last = segments.length - 1;
  for (let i = last; i >= 0 && f.lastLiteral === undefined; i--)
    if (!segments[i].includes('{')) f.lastLiteral = segments[i];
  const verb = segments[last]?.toLowerCase();
  const afterItem = /^\{[^}]+\}$/.test(segments[last - 1] ?? '');
  if (verb !== undefined && afterItem && Object.hasOwn(ACTIONS, verb)) {
    f.action = verb;
    last -= 1;
  } else if (verb !== undefined && afterItem && ITEM_VIEWS.has(verb)) {
    f.view = verb;
    last -= 1;
  }
  const m = /\{([^}]+)\}/.exec(segments[last] ?? '');
  if (m) {
    f.itemParam = m[1];
    // The nearest literal segment names the collection: /repos/{owner}/{repo} → "repos".
    for (let i = last - 1; i >= 0 && f.collection === undefined; i--)
      if (!segments[i].includes('{')) f.collection = segments[i];
  }
  if (templates.size > 10_000) templates.clear();
  templates.set(template, f);
  return f;
}

export function realismState(input: RealismInput | undefined, lastParam?: string): RealismState {
  const state: RealismState = { itemRead: false };
  if (input?.pathTemplate === undefined && lastParam !== undefined) {
    state.itemParam = lastParam;
    state.itemRead = true;
  }
  if (!input) return state;
  state.status = input.status;
  state.method = input.method?.toUpperCase();
  if (input.apiHost !== undefined) state.apiHost = input.apiHost;
  if (input.query?.length) {
    state.pageSize = pageSizeOf(input.query);
    for (const [k, v] of input.query) {
      const f = k.toLowerCase().replace(/[_\-.]/g, '');
      if (PAGING.test(f)) (state.query ??= new Map()).set(f, v);
    }
  }
  if (input.requestPath !== undefined) state.requestPath = decode(input.requestPath);
  if (input.pathTemplate !== undefined) {
    const facts = factsOf(input.pathTemplate);
    // Any method on /things/{id} answers about that thing; only a literal last segment
    // (POST /users/{id}/labels) makes a new child under it.
    if (facts.itemParam !== undefined) {
      state.itemParam = facts.itemParam;
      state.itemRead = true;
      state.collection = facts.collection;
    }
    if (facts.action !== undefined && (input.status ?? 200) < 300) state.action = facts.action;
    // An action's body is its item: `/fine-tunes/{id}/cancel` answers a fine-tune.
    state.noun =
      facts.action !== undefined || facts.view !== undefined ? facts.collection : facts.lastLiteral;
  }
  state.paging = pagingFor(input);
  if (state.paging && input.query?.length) state.filters = listFilters(input.query, input.parameters);
  const sent = input.sent;
  // A GET sends nothing but the fields of a form POST read as it (RPC-style `conversations.info`).
  const sends =
    state.method === 'POST' || state.method === 'PUT' || state.method === 'PATCH' || state.method === 'GET';
  if (
    sends &&
    (state.status ?? 200) < 300 &&
    typeof sent === 'object' &&
    sent !== null &&
    !Array.isArray(sent)
  ) {
    state.sent = sent;
    if (input.sentText) state.sentText = new Map([...input.sentText].map(([k, v]) => [fold(k), v]));
  }
  return state;
}

/** The page of a list a call asks for; undefined unless it is a list call (see `isList`). */
export function pagingFor(input: RealismInput): Paging | undefined {
  if (!isList(input)) return undefined;
  const { listState } = input;
  return pagingOf({
    ...input,
    query: input.query ?? [],
    pageSize: listState?.size ?? pageSizeOf(input.query),
    ...(listState ? { pages: listState.pages } : {}),
  });
}

/** A call for a page of a list: a GET of a collection, or any call that names a page or cursor. */
function isList(input: RealismInput): boolean {
  if ((input.status ?? 200) >= 300) return false;
  if (input.pathTemplate === undefined) return false;
  const facts = factsOf(input.pathTemplate);
  if (facts.action !== undefined) return false;
  const method = input.method?.toUpperCase();
  const reads = method === 'GET' || method === 'HEAD';
  // A read of /things/{id} is an item, unless its body is plainly a page (a list named by a parameter).
  if (facts.itemParam !== undefined) return reads && input.listBody === true;
  if (reads) return true;
  const named = (k: string) => paramKind(k) !== undefined;
  if (input.query?.some(([k]) => named(k))) return true;
  const sent = input.sent;
  // A page or cursor is a number or a token: Calendar's event `start: {dateTime}` names no page.
  return (
    typeof sent === 'object' &&
    sent !== null &&
    !Array.isArray(sent) &&
    Object.entries(sent).some(([k, v]) => named(k) && (typeof v !== 'object' || v === null))
  );
}
