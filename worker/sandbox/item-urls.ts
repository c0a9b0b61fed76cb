import { isObj } from '../mock/schema-refs';
import type { JsonValue } from '../mock/plan';
import type { Resource } from './resources';
import { fillPath, idOf } from './sandbox-context';
import { safeDecode, templatePattern } from './url-template';

type JsonObject = Record<string, JsonValue>;

/** Members that hold a URL: `html_url`, `comments_url`, `selfLink`, `href`… */
const URL_KEY = /^(?:url|uri|self|href|link)$|(?:_url|Url|_uri|Uri|_link|Link|_href|Href)$/;
const LINK_GROUPS = ['_links', 'links'];

/** What naming a created item needs: the item it was generated from, what the client sent, where it lives. */
export interface NewItem {
  /** The generated item its members came from (the spec's example values). */
  base: JsonObject;
  /** The members the client sent: never renamed. */
  sent: JsonObject;
  resource: Resource;
  id: string;
  pathParams: Record<string, string>;
  /** The sandbox URL the call named, which the item's own URL joins its path to. */
  baseUrl: string;
}

/**
 * A created item's URLs name it, not the example item its members were generated from. Its own
 * URL (`url`, `self`, `_links.self.href`, `links.self`) is its URL in the sandbox, where it can be
 * read back; a relative `uri` (Twilio) its path. In other URL members (`html_url`, `comments_url`)
 * every path segment that held one of the example item's identifying values (its identifier, and
 * its parents where its own URL fits the item path) holds the created item's. Members the client
 * sent are kept as sent.
 */
export function nameCreatedItem(item: JsonObject, at: NewItem): JsonObject {
  const renames = renamesOf(at);
  const path =
    at.resource.itemPath !== undefined ? fillPath(at.resource.itemPath, itemParamsOf(at)) : undefined;
  const own = path !== undefined ? `${at.baseUrl}${path}` : undefined;
  const out: JsonObject = { ...item };
  for (const [key, value] of Object.entries(item)) {
    if (key in at.sent) continue;
    if (typeof value === 'string' && (key === 'url' || key === 'self') && own) out[key] = own;
    else if (typeof value === 'string' && key === 'uri' && value.startsWith('/') && path) out[key] = path;
    else if (typeof value === 'string' && URL_KEY.test(key)) out[key] = renameUrl(value, renames);
    else if (LINK_GROUPS.includes(key) && isObj(value))
      out[key] = renameLinks(value as JsonObject, renames, own);
  }
  return out;
}

function itemParamsOf(at: NewItem): Record<string, string> {
  const { idParam } = at.resource;
  return idParam === undefined ? at.pathParams : { ...at.pathParams, [idParam]: at.id };
}

/** Example value → created value: the identifier, and the parents its own URL shows. */
function renamesOf(at: NewItem): Map<string, string> {
  const renames = new Map<string, string>();
  const put = (from: JsonValue | undefined, to: string | undefined) => {
    if ((typeof from === 'string' || typeof from === 'number') && String(from) !== '' && to !== undefined)
      if (String(from) !== to) renames.set(String(from), to);
  };
  const { resource } = at;
  put(idOf(at.base, resource), at.id);
  if (resource.itemPath === undefined) return renames;
  const { regex, params } = templatePattern(resource.itemPath);
  for (const url of [at.base.url, at.base.self, at.base.html_url]) {
    const m = typeof url === 'string' ? regex.exec(url.replace(/[?#].*$/, '')) : null;
    if (!m) continue;
    params.forEach((p, i) => put(safeDecode(m[i + 1]), p === resource.idParam ? at.id : at.pathParams[p]));
    break;
  }
  return renames;
}

function renameLinks(links: JsonObject, renames: Map<string, string>, own: string | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [rel, link] of Object.entries(links)) {
    const to = (href: string) => (rel === 'self' && own ? own : renameUrl(href, renames));
    if (typeof link === 'string') out[rel] = to(link);
    else if (isObj(link) && typeof (link as JsonObject).href === 'string')
      out[rel] = { ...(link as JsonObject), href: to((link as JsonObject).href as string) };
    else out[rel] = link;
  }
  return out;
}

/** Whole path segments of an absolute http(s) URL that held a renamed value. */
function renameUrl(url: string, renames: Map<string, string>): string {
  const m = /^(https?:\/\/[^/?#]*)([^?#]*)(.*)$/i.exec(url);
  if (!m || renames.size === 0) return url;
  const path = m[2]
    .split('/')
    .map((segment) => {
      const to = renames.get(safeDecode(segment));
      return to === undefined ? segment : encodeURIComponent(to);
    })
    .join('/');
  return `${m[1]}${path}${m[3]}`;
}
