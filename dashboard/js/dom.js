// Tiny DOM helpers. Everything that came from the network is set with textContent, never as HTML.

/**
 * h('button', { class: 'btn', onclick: fn, 'aria-label': 'x' }, 'text', childNode, [more])
 * Attributes set to false/null/undefined are omitted; `true` sets an empty boolean attribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in el && el.namespaceURI !== SVG_NS) {
      el.value = value;
    } else if (name === 'checked' || name === 'selected') {
      el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Replace el's children, skipping null/false/undefined as h() does (replaceChildren prints "null"). */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

let uid = 0;
export function nextId(prefix = 'id') {
  uid += 1;
  return `${prefix}-${uid}`;
}

const TOAST_MS = { info: 4000, error: 8000 };

/**
 * Announce a short message to screen readers (#announcer, a live region) and show it as a toast
 * (#toast). The toasts sit in the top bar's free space, never over the page's controls; a new one
 * replaces the one before it, and each goes away by itself or with its Dismiss button.
 */
export function announce(message, kind = 'info', { visual = true } = {}) {
  const live = document.getElementById('announcer');
  if (live) {
    const said = h('p', null, message);
    live.append(said);
    setTimeout(() => said.remove(), 3000);
  }
  const region = document.getElementById('toast');
  if (!visual || !region) return;
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
  const item = h(
    'div',
    { class: `toast toast-${kind}`, title: message },
    h('span', { class: 'toast-text' }, message),
    close,
  );
  const timer = setTimeout(() => item.remove(), TOAST_MS[kind] ?? TOAST_MS.info);
  close.addEventListener('click', () => {
    clearTimeout(timer);
    item.remove();
  });
  region.replaceChildren(item);
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** A button that copies `getText()` and says so. */
export function copyButton(getText, label = 'Copy', what = 'text') {
  const btn = h(
    'button',
    { type: 'button', class: 'btn btn-small btn-ghost', 'aria-label': `Copy ${what}` },
    label,
  );
  btn.addEventListener('click', async () => {
    const ok = await copyText(typeof getText === 'function' ? getText() : getText);
    const old = btn.textContent;
    btn.textContent = ok ? 'Copied' : 'Copy failed';
    announce(ok ? `Copied ${what}` : `Could not copy ${what}`, ok ? 'info' : 'error');
    setTimeout(() => {
      btn.textContent = old;
    }, 1500);
  });
  return btn;
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "1 version", "2 versions", "1,000 calls". */
export function plural(n, one, many = `${one}s`) {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString() : String(n ?? '—');
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
