// Building blocks shared by the views and the upload result.
import { h, copyButton } from './dom.js';

export function urlRow(label, url) {
  return h(
    'div',
    { class: 'url-row' },
    h('span', { class: 'url-label' }, label),
    h('code', { class: 'url' }, url),
    copyButton(url, 'Copy', `${label.toLowerCase()}`),
  );
}

export function codeBlock(label, text) {
  return h(
    'div',
    { class: 'code-block' },
    h(
      'div',
      { class: 'code-block-bar' },
      h('span', { class: 'muted' }, label),
      copyButton(text, 'Copy', `${label} snippet`),
    ),
    h('pre', { class: 'code', tabindex: '0' }, h('code', null, text)),
  );
}

export function viewHeading(text, extra) {
  return h('div', { class: 'view-head' }, h('h2', { class: 'view-title', tabindex: '-1' }, text), extra);
}

export function breadcrumbs(items) {
  return h(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    h(
      'ol',
      null,
      items.map(([label, href], i) =>
        h(
          'li',
          null,
          href && i < items.length - 1
            ? h('a', { href }, label)
            : h('span', { 'aria-current': 'page' }, label),
        ),
      ),
    ),
  );
}

/** Breadcrumbs and heading of a per-API page (calls, behaviour), with a button to its sibling page. */
export function apiPageHead({ api, apiLink, page, title, sibling }) {
  return [
    breadcrumbs([
      ['APIs', '#/'],
      [api, apiLink],
      [page, null],
    ]),
    viewHeading(
      title,
      h(
        'span',
        { class: 'head-actions' },
        h('a', { class: 'btn btn-small', href: sibling.href }, sibling.label),
      ),
    ),
  ];
}
