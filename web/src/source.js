// A source's page: the news record (outlet, address, publication date, author) and every fact it supports.
import { gql } from './api.js';
import { formatDate, formatIso } from './dates.js';
import { entityLink, h, section } from './dom.js';
import { relationLabel, t } from './i18n.js';

const SUPPORTED = `query Supported($id: ID!) {
  supportedBy(sourceId: $id) {
    entities { id name type }
    relations { start { id name type } relation { id type date datePrecision status properties other { id name type } } }
  }
}`;

function record(source) {
  const p = source.properties;
  const rows = [
    ['source.outlet', p.outlet], ['source.published', p.published && formatIso(p.published)],
    ['source.author', p.author], ['source.language', p.language], ['source.file', p.seed_file],
  ].filter(([, value]) => value);
  const link = p.url ? h('a', { href: p.url, rel: 'noopener noreferrer', 'data-testid': 'source-url' }, p.url) : null;
  return h('dl', { class: 'facts', 'data-testid': 'source-record' },
    rows.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
    link ? [h('dt', {}, t('source.url')), h('dd', {}, link)] : []);
}

function relationRow({ start, relation }) {
  const dated = relation.date ? ` · ${formatDate({ ...relation, dateEarliest: relation.properties.date_earliest,
    dateLatest: relation.properties.date_latest })}` : '';
  return h('li', { 'data-testid': 'supported-relation' }, entityLink(start), ` — ${relationLabel(relation.type)} → `,
    entityLink(relation.other), dated,
    relation.status ? h('span', { class: `status status-${relation.status}` }, t(`status.${relation.status}`)) : '');
}

/** The section of a Source's page listing the record and every fact it supports. */
export function sourceSection(source) {
  const entities = h('ul', { 'data-testid': 'supported-entities' }, h('li', {}, t('loading')));
  const relations = h('ul', {}, h('li', {}, t('loading')));
  gql(SUPPORTED, { id: source.id }).then(({ supportedBy }) => {
    entities.replaceChildren(...supportedBy.entities.map((e) => h('li', {}, entityLink(e), ' ',
      h('span', { class: 'muted' }, t(`type.${e.type}`)))));
    relations.replaceChildren(...supportedBy.relations.map(relationRow));
  }).catch((error) => entities.replaceChildren(h('li', { role: 'alert' }, t('error') + error.message)));
  return section(t('source.title'), record(source), h('h3', {}, t('source.entities')), entities,
    h('h3', {}, t('source.relations')), relations);
}
