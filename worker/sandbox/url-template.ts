import { escapeRegex } from '../util/escape-regex';

/** Reading an item's URLs against its path template. */

/** `/users/{username}` → a regex matching a URL or path that ends with it, capturing each parameter. */
export function templatePattern(template: string): TemplatePattern {
  let pattern = patterns.get(template);
  if (!pattern) {
    // Templates come from published specs: a bound keeps a long-lived isolate's memory flat.
    if (patterns.size >= 1_000) patterns.clear();
    patterns.set(template, (pattern = compilePattern(template)));
  }
  return pattern;
}

interface TemplatePattern {
  regex: RegExp;
  params: string[];
}

const patterns = new Map<string, TemplatePattern>();

function compilePattern(template: string): TemplatePattern {
  const params: string[] = [];
  const body = template
    .split(/(\{[^{}/]+\})/)
    .map((part) => {
      const p = /^\{([^{}/]+)\}$/.exec(part);
      if (!p) return escapeRegex(part);
      params.push(p[1]);
      return '([^/]+)';
    })
    .join('');
  return { regex: new RegExp(`${body}$`), params };
}

/** A percent-decoded path segment, or the segment itself when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
