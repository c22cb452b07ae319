// How a source (a news article) is cited next to a fact: outlet, event date, seed file.
import { formatIso } from './dates.js';
import { entityLink, h } from './dom.js';

/** A short citation of one source entity. */
export function citation(source) {
  const p = source.properties ?? {};
  const bits = [p.outlet, p.event_date ? formatIso(p.event_date) : null, p.seed_file].filter(Boolean);
  return h('span', { class: 'cite' }, entityLink(source), bits.length ? ` (${bits.join(' · ')})` : '');
}

/** Citations of several sources, comma-separated. */
export function citations(sources) {
  return h('span', { class: 'cites' }, sources.flatMap((s, i) => (i ? [', ', citation(s)] : [citation(s)])));
}
