import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What a person should never read on the page: JavaScript's leftovers. A text node that is exactly
 * `null`, `undefined` or `NaN` (a value passed where a node or text was meant), or any text with
 * `undefined`, `NaN` or `[object …]` in it. Prose may say "may now be null"; it never says `NaN`.
 * Each hit comes with its text and the element holding it, so a failure says where it is.
 */
export async function strayWords(page: Page): Promise<string[]> {
  return page.evaluate(
    String.raw`(() => {
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue.trim();
        const el = node.parentElement;
        if (!text || !el || !el.checkVisibility()) continue;
        if (/^(null|undefined|NaN)$/.test(text) || /(undefined|NaN)|\[object \w+\]/.test(text)) {
          const where = el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
          out.push(where + ': ' + text.slice(0, 80));
        }
      }
      return out;
    })()`,
  );
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The boxes of every button, link, input, select and textarea visible in the viewport, outside
 * `except` (the toasts themselves), with a name to report.
 */
export async function visibleControls(page: Page, except: string): Promise<(Box & { name: string })[]> {
  return page.evaluate(
    String.raw`(() => {
      const out = [];
      for (const el of document.querySelectorAll('button, a[href], input, select, textarea, summary')) {
        if (el.closest(${JSON.stringify(except)})) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
        const name = (el.getAttribute('aria-label') || el.textContent || el.id || el.tagName).trim().slice(0, 40);
        out.push({ x: r.x, y: r.y, width: r.width, height: r.height, name });
      }
      return out;
    })()`,
  );
}
