// The timeline: events in order, each with its span and its sub-events nested under it, honest about
// precision, filterable by kind and status.
import { gql } from './api.js';
import { formatDate } from './dates.js';
import { entityLink, h } from './dom.js';
import { t } from './i18n.js';
import { citations } from './sources.js';

const FIELDS = `id kind date datePrecision dateText dateEarliest dateLatest start end status event { id name kind }
    participants { id name type } place { id name type } sources { id name properties }`;
// Events nest three levels deep at most: an event, its sub-events and theirs.
const TIMELINE = `query Timeline($id: ID) {
  timeline(entityId: $id, first: 100) {
    ${FIELDS} subEvents { ${FIELDS} subEvents { ${FIELDS} } }
  }
}`;
const KINDS = ['meeting', 'visit', 'agreement', 'inauguration', 'shipment', 'event'];
const STATUSES = ['proposed', 'planned', 'signed', 'active', 'stalled', 'completed'];

function kindLabel(item) {
  const label = item.event ? t(`eventKind.${item.event.kind}`) : t(`kind.${item.kind}`);
  return h('span', { class: `kind kind-${item.kind}` }, label);
}

function subEvents(item) {
  if (!item.subEvents?.length) return '';
  return h('ol', { class: 'sub-events', 'aria-label': t('timeline.subEvents') },
    item.subEvents.map((sub) => entry(sub, true)));
}

function entry(item, nested = false) {
  const when = formatDate(item);
  const day = item.start ?? item.date;
  return h('li', { class: nested ? 'timeline-entry sub-event' : 'timeline-entry',
    'data-testid': nested ? 'timeline-subevent' : 'timeline-entry', dataset: {
      kind: item.kind, status: item.status ?? '', earliest: item.dateEarliest ?? item.date ?? '', id: item.id } },
  h('time', day ? { datetime: day } : {}, when),
  item.dateText ? h('span', { class: 'muted' }, ` (“${item.dateText}”)`) : '',
  ' ', kindLabel(item),
  item.status ? h('span', { class: `status status-${item.status}` }, t(`status.${item.status}`)) : '',
  item.event ? h('div', { class: 'event-title' }, entityLink(item.event)) : '',
  h('div', {}, item.participants.flatMap((p, i) => (i ? [', ', entityLink(p)] : [entityLink(p)])),
    item.place ? [` ${t('timeline.place')} `, entityLink(item.place)] : ''),
  h('div', { class: 'small-text' }, citations(item.sources)),
  subEvents(item));
}

function choice(id, label, values, prefix, onChange) {
  const select = h('select', { id, onchange: onChange },
    h('option', { value: '' }, t('timeline.all')),
    values.map((v) => h('option', { value: v }, t(`${prefix}.${v}`))));
  return [h('span', { class: 'field' }, h('label', { for: id }, label), select), select];
}

// An entry is shown when it, or one of its sub-events, passes the test.
function holds(item, test) {
  return test(item) || (item.subEvents ?? []).some((sub) => holds(sub, test));
}

/** Build a timeline of the events of entity `id` (or of everything when `id` is null). */
export function timelineView(id) {
  const list = h('ol', { class: 'timeline' }, h('li', {}, t('loading')));
  let events = [];
  const render = () => {
    const wanted = (e) => (!kind.value || e.kind === kind.value) && (!status.value || e.status === status.value);
    const shown = events.filter((e) => holds(e, wanted));
    list.replaceChildren(...(shown.length ? shown.map((e) => entry(e)) : [h('li', {}, t('timeline.none'))]));
  };
  const [kindField, kind] = choice(`tl-kind-${id ?? 'all'}`, t('timeline.kind'), KINDS, 'kind', render);
  const [statusField, status] = choice(`tl-status-${id ?? 'all'}`, t('timeline.status'), STATUSES, 'status', render);
  gql(TIMELINE, { id }).then((data) => { events = data.timeline; render(); })
    .catch((error) => list.replaceChildren(h('li', { role: 'alert' }, t('error') + error.message)));
  return h('div', { class: 'timeline-view' }, h('div', { class: 'filters' }, kindField, statusField), list);
}
