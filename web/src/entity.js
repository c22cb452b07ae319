// The entity page: name, latest office, aliases, facts by type, offices, sources, grouped relations, graph and timeline.
import { entityFieldNames } from './api.js';
import { formatDate, formatIso } from './dates.js';
import { conflictFields, conflictMarker } from './conflicts.js';
import { entityLink, h, section } from './dom.js';
import { graphView } from './graph.js';
import { relationLabel, t } from './i18n.js';
import { LATEST_OFFICE_FIELDS, latestOfficeLine } from './offices.js';
import { entityWithRelations } from './relations.js';
import { sourceSection } from './source.js';
import { citation, citations } from './sources.js';
import { timelineView } from './timeline.js';

const SOURCE_FIELDS = 'id name properties';
const HIDDEN_FACTS = new Set(['id', 'name', 'aliases', 'sources']);

const RELATION_FIELDS = `id type direction date datePrecision status properties other { id name type }
  sources { ${SOURCE_FIELDS} } ${conflictFields(SOURCE_FIELDS)}`;

function entityFields(withBrowserUrl) {
  return `id name type aliases properties ${withBrowserUrl ? 'browserUrl' : ''} sources { ${SOURCE_FIELDS} }
    ${conflictFields(SOURCE_FIELDS)} ${LATEST_OFFICE_FIELDS}`;
}

function factsList(entity) {
  const rows = Object.entries(entity.properties).filter(([key]) => !HIDDEN_FACTS.has(key));
  return h('dl', { class: 'facts' }, rows.flatMap(([key, value]) =>
    [h('dt', {}, key.replaceAll('_', ' ')), h('dd', {}, Array.isArray(value) ? value.join(', ') : String(value))]));
}

function officeLine(relation) {
  const p = relation.properties;
  const when = [p.start && `${formatIso(p.start)}–${p.end ? formatIso(p.end) : ''}`,
    p.as_of?.length && `${t('entity.asOf')} ${p.as_of.map(formatIso).join(', ')}`].filter(Boolean).join('; ');
  return h('li', {}, p.acting ? `${t('entity.acting')} ` : '', h('strong', {}, p.title),
    p.title_en ? ` (${p.title_en})` : '', ', ', entityLink(relation.other),
    p.former ? ` · ${t('entity.former')}` : '', when ? ` · ${when}` : '', ' · ', citations(relation.sources));
}

function relationLine(relation) {
  const arrow = relation.direction === 'OUT' ? '→' : '←';
  const dated = relation.date || relation.datePrecision;
  return h('li', {}, `${arrow} `, entityLink(relation.other), ' ',
    h('span', { class: 'muted' }, t(`type.${relation.other.type}`)),
    dated ? ` · ${formatDate({ ...relation, dateEarliest: relation.properties.date_earliest,
      dateLatest: relation.properties.date_latest })}` : '',
    relation.status ? h('span', { class: `status status-${relation.status}` }, t(`status.${relation.status}`)) : '',
    ' · ', citations(relation.sources), conflictMarker(relation.conflicts));
}

function relationGroup(type, list) {
  const heading = h('h3', { title: type, dataset: { type } }, `${relationLabel(type)} (${list.length})`);
  return h('div', { class: 'rel-group' }, heading, h('ul', {}, list.map(relationLine)));
}

function relationGroups(relations) {
  const groups = [...Map.groupBy(relations, (r) => r.type).entries()];
  groups.sort(([a], [b]) => relationLabel(a).localeCompare(relationLabel(b)));
  return groups.map(([type, list]) => relationGroup(type, list));
}

function header(entity) {
  return h('header', { class: 'entity-head' },
    h('span', { class: `badge type-${entity.type}` }, t(`type.${entity.type}`)),
    h('h1', {}, entity.name),
    entity.latestOffice ? latestOfficeLine(entity.latestOffice) : null,
    entity.aliases.length ? h('p', {}, h('strong', {}, `${t('entity.aliases')}: `), entity.aliases.join(' · ')) : null,
    entity.browserUrl ? h('p', {}, h('a', { href: entity.browserUrl, 'data-testid': 'browser-link' },
      t('entity.browser'))) : null);
}

/** Render the page of entity `id` into `view`. */
export async function entityPage(view, id, navigate) {
  const withUrl = (await entityFieldNames()).has('browserUrl');
  const entity = await entityWithRelations(id, entityFields(withUrl), RELATION_FIELDS);
  if (!entity) return view.replaceChildren(h('h1', {}, t('entity.notFound')), h('p', {}, id));
  document.title = `${entity.name} · Jalin`;
  const offices = entity.relations.filter((r) => r.type === 'HOLDS_POSITION' && r.direction === 'OUT');
  view.replaceChildren(header(entity),
    h('div', { class: 'columns' },
      section(t('entity.facts'), factsList(entity), conflictMarker(entity.conflicts, true),
        offices.length ? h('h3', {}, t('entity.titles')) : null, offices.length ? h('ul', {}, offices.map(officeLine)) : null,
        h('h3', {}, t('entity.sources')), h('ul', {}, entity.sources.map((s) => h('li', {}, citation(s))))),
      section(t('entity.graph'), graphView(entity, (other) => navigate(`#/entity/${encodeURIComponent(other)}`)))),
    entity.type === 'Source' ? sourceSection(entity) : null,
    section(t('entity.relations'), relationGroups(entity.relations)),
    section(t('entity.timeline'), timelineView(entity.id)));
}
