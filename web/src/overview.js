// The overview (counts by type, country and agreement status) and "who held office X on date D".
import { gql } from './api.js';
import { formatIso } from './dates.js';
import { entityLink, h, section } from './dom.js';
import { relationLabel, t } from './i18n.js';
import { citations } from './sources.js';

const STATS = `{ stats {
  entitiesByType { key count } entitiesByCountry { key count }
  agreementsByStatus { key count } relationsByType { key count }
} }`;
const HOLDERS = `query Holders($on: String!, $title: String) {
  officeHolders(on: $on, title: $title) {
    title titleEn acting start end asOf certainty
    person { id name type } institution { id name type } sources { id name properties }
  }
}`;

function countTable(title, counts, label = (key) => key) {
  const most = Math.max(1, ...counts.map((c) => c.count));
  return section(title, h('table', { class: 'counts' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('overview.key')), h('th', { scope: 'col' }, t('overview.count')))),
    h('tbody', {}, counts.map((c) => h('tr', {}, h('th', { scope: 'row', dataset: { key: c.key } }, label(c.key)),
      h('td', {}, h('span', { class: 'bar', style: `width:${(100 * c.count) / most}%` }), ` ${c.count}`))))));
}

/** Render the overview page. */
export async function overviewPage(view) {
  const { stats } = await gql(STATS);
  view.replaceChildren(h('h1', {}, t('overview.title')), h('div', { class: 'grid' },
    countTable(t('overview.byType'), stats.entitiesByType, (k) => t(`type.${k}`)),
    countTable(t('overview.byCountry'), stats.entitiesByCountry),
    countTable(t('overview.byStatus'), stats.agreementsByStatus, (k) => t(`status.${k}`)),
    countTable(t('overview.byRelation'), stats.relationsByType, relationLabel)));
}

function holderRow(holding) {
  const span = [holding.start && formatIso(holding.start), holding.end && formatIso(holding.end)].filter(Boolean).join('–');
  const asOf = holding.asOf.map(formatIso).join(', ');
  const uncertain = holding.certainty === 'UNCERTAIN'
    ? h('span', { class: 'status', title: t('offices.uncertainHint') }, t('offices.uncertain')) : null;
  return h('tr', { dataset: { certainty: holding.certainty } }, h('td', {}, entityLink(holding.person), uncertain),
    h('td', {}, holding.acting ? `${t('entity.acting')} ` : '', holding.title, holding.titleEn ? ` (${holding.titleEn})` : ''),
    h('td', {}, entityLink(holding.institution)), h('td', {}, span || (asOf && `${t('entity.asOf')} ${asOf}`)),
    h('td', {}, citations(holding.sources)));
}

function holdersTable(holdings) {
  if (!holdings.length) return h('p', { role: 'status' }, t('offices.none'));
  const heads = ['offices.person', 'offices.office', 'offices.institution', 'offices.on', 'entity.sources'];
  return h('table', { class: 'holders', 'data-testid': 'office-result' },
    h('thead', {}, h('tr', {}, heads.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, holdings.map(holderRow)));
}

/** Render the office-holder finder; `title` and `on` preset it. */
export function officesPage(view, params) {
  const title = h('input', { id: 'office-title', value: params.get('title') ?? 'Wali Kota Balikpapan' });
  const on = h('input', { id: 'office-on', type: 'date', value: params.get('on') ?? '2025-08-29', required: true });
  const output = h('div', {});
  const find = async () => {
    const data = await gql(HOLDERS, { on: on.value, title: title.value || null });
    output.replaceChildren(holdersTable(data.officeHolders));
  };
  const form = h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); find().catch((err) =>
    output.replaceChildren(h('p', { role: 'alert' }, t('error') + err.message))); } },
  h('span', { class: 'field' }, h('label', { for: 'office-title' }, t('offices.office')), title),
  h('span', { class: 'field' }, h('label', { for: 'office-on' }, t('offices.on')), on),
  h('button', { type: 'submit' }, t('offices.find')));
  view.replaceChildren(h('h1', {}, t('offices.title')), form, output);
  find();
}
