// Where sources disagree on a fact: a marker that opens onto every claim, its rank, reason and sources.
import { formatIso } from './dates.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { citations } from './sources.js';

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The GraphQL selection the marker needs, for an entity or a relation. */
export function conflictFields(sourceFields) {
  return `conflicts { property claims { value rank reason note current sources { ${sourceFields} } } }`;
}

function shownValue(value) {
  return typeof value === 'string' && ISO_DATE.test(value) ? formatIso(value) : String(value);
}

function claimLine(claim) {
  return h('li', { class: `claim rank-${claim.rank}`, 'data-testid': 'claim', dataset: { rank: claim.rank, value: claim.value } },
    h('strong', {}, shownValue(claim.value)), ' ',
    h('span', { class: 'rank' }, t(`rank.${claim.rank}`)),
    claim.current ? h('span', { class: 'held' }, t('conflict.current')) : '',
    claim.reason ? ` · ${t('conflict.reason')}: ${claim.reason}` : '',
    claim.note ? ` · ${claim.note}` : '', ' · ', citations(claim.sources));
}

function conflictBlock(conflict) {
  return h('div', { class: 'conflict-property', dataset: { property: conflict.property } },
    h('span', { class: 'muted' }, conflict.property.replaceAll('_', ' ')),
    h('ul', {}, conflict.claims.map(claimLine)));
}

/** A marker listing each property the sources disagree on, open when `open`; null when they agree. */
export function conflictMarker(conflicts, open = false) {
  if (!conflicts?.length) return null;
  const properties = conflicts.map((c) => c.property.replaceAll('_', ' ')).join(', ');
  return h('details', { class: 'conflict', 'data-testid': 'conflict', open },
    h('summary', {}, `⚠ ${t('conflict.marker')}: ${properties}`), conflicts.map(conflictBlock));
}
