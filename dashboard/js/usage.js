import { h, svg, formatNumber } from './dom.js';

function meter(label, used, limit, resetAt) {
  const ratio = limit > 0 ? Math.min(1, used / limit) : 0;
  const level = ratio >= 0.9 ? 'danger' : ratio >= 0.7 ? 'warn' : 'ok';
  const width = 100;
  const bar = svg(
    'svg',
    {
      class: 'meter',
      viewBox: `0 0 ${width} 6`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    svg('rect', { class: 'meter-track', x: 0, y: 0, width, height: 6, rx: 3 }),
    svg('rect', {
      class: `meter-fill meter-${level}`,
      x: 0,
      y: 0,
      width: Math.max(ratio * width, used > 0 ? 1.5 : 0),
      height: 6,
      rx: 3,
    }),
  );
  const reset = resetAt ? new Date(resetAt) : null;
  const resetText =
    reset && !Number.isNaN(reset.getTime())
      ? `resets ${reset.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}`
      : '';
  return h(
    'div',
    { class: 'usage-row' },
    h(
      'div',
      { class: 'usage-label' },
      h('span', null, label),
      h('span', { class: 'usage-figures' }, `${formatNumber(used)} / ${formatNumber(limit)}`),
    ),
    h(
      'div',
      {
        role: 'meter',
        'aria-label': label,
        'aria-valuemin': 0,
        'aria-valuemax': limit,
        'aria-valuenow': used,
        'aria-valuetext': `${formatNumber(used)} of ${formatNumber(limit)} requests used`,
      },
      bar,
    ),
    h('p', { class: 'usage-reset muted' }, resetText),
  );
}

function chart(daily) {
  const days = Array.isArray(daily) ? daily.slice(-30) : [];
  const W = 300;
  const H = 80;
  const gap = 2;
  const n = Math.max(days.length, 1);
  const bw = (W - gap * (n - 1)) / n;
  const max = Math.max(1, ...days.map((d) => d.count || 0));
  const total = days.reduce((s, d) => s + (d.count || 0), 0);
  const peak = days.reduce((best, d) => ((d.count || 0) > (best?.count ?? -1) ? d : best), null);
  const label = days.length
    ? `Requests per day for the last ${days.length} days: ${formatNumber(total)} in total, peak ${formatNumber(peak?.count ?? 0)} on ${peak?.date ?? ''}.`
    : 'No daily usage yet.';
  const bars = days.map((d, i) => {
    const hgt = d.count > 0 ? Math.max(2, (d.count / max) * (H - 4)) : 0;
    return svg(
      'g',
      null,
      svg('rect', { class: 'bar-bg', x: (i * (bw + gap)).toFixed(2), y: 0, width: bw.toFixed(2), height: H }),
      svg('rect', {
        class: 'bar',
        x: (i * (bw + gap)).toFixed(2),
        y: (H - hgt).toFixed(2),
        width: bw.toFixed(2),
        height: hgt.toFixed(2),
      }),
      svg('title', null, `${d.date}: ${formatNumber(d.count)} request${d.count === 1 ? '' : 's'}`),
    );
  });
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      {
        class: 'chart-svg',
        viewBox: `0 0 ${W} ${H}`,
        preserveAspectRatio: 'none',
        role: 'img',
        'aria-label': label,
      },
      bars,
    ),
    h(
      'figcaption',
      { class: 'chart-axis muted' },
      h('span', null, days[0]?.date ?? ''),
      h('span', null, `max ${formatNumber(max)}/day`),
      h('span', null, days[days.length - 1]?.date ?? ''),
    ),
  );
}

export function renderUsage(container, usage) {
  const limits = usage.limits || {};
  container.replaceChildren(
    meter('This minute', usage.minute?.used ?? 0, limits.perMinute ?? 0, usage.minute?.resetAt),
    meter('This month', usage.month?.used ?? 0, limits.perMonth ?? 0, usage.month?.resetAt),
    h('h3', { class: 'subhead' }, 'Last 30 days'),
    chart(usage.daily),
  );
}
