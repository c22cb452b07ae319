// The timeline: dated events in order, honest about precision, filterable by kind and status.
import { gql } from './api.js';
import { formatDate } from './dates.js';
import { entityLink, h } from './dom.js';
import { t } from './i18n.js';
import { citations } from './sources.js';

const TIMELINE = `query Timeline($id: ID) {
  timeline(entityId: $id, first: 100) {
    id kind date datePrecision dateText dateEarliest dateLatest status
    participants { id name type } place { id name type } sources { id name properties }
  }
}`;
const KINDS = ['meeting', 'visit', 'agreement', 'inauguration', 'shipment'];
const STATUSES = ['proposed', 'planned', 'signed', 'active', 'stalled', 'completed'];

function entry(event) {
  const when = formatDate(event);
  return h('li', { class: 'timeline-entry', 'data-testid': 'timeline-entry', dataset: {
    kind: event.kind, status: event.status ?? '', earliest: event.dateEarliest ?? event.date ?? '' } },
  h('time', event.date ? { datetime: event.date } : {}, when),
  event.dateText ? h('span', { class: 'muted' }, ` (“${event.dateText}”)`) : '',
  ' ', h('span', { class: `kind kind-${event.kind}` }, t(`kind.${event.kind}`)),
  event.status ? h('span', { class: `status status-${event.status}` }, t(`status.${event.status}`)) : '',
  h('div', {}, event.participants.flatMap((p, i) => (i ? [', ', entityLink(p)] : [entityLink(p)])),
    event.place ? [` ${t('timeline.place')} `, entityLink(event.place)] : ''),
  h('div', { class: 'small-text' }, citations(event.sources)));
}

function choice(id, label, values, prefix, onChange) {
  const select = h('select', { id, onchange: onChange },
    h('option', { value: '' }, t('timeline.all')),
    values.map((v) => h('option', { value: v }, t(`${prefix}.${v}`))));
  return [h('span', { class: 'field' }, h('label', { for: id }, label), select), select];
}

/** Build a timeline of the events of entity `id` (or of everything when `id` is null). */
export function timelineView(id) {
  const list = h('ol', { class: 'timeline' }, h('li', {}, t('loading')));
  let events = [];
  const render = () => {
    const shown = events.filter((e) => (!kind.value || e.kind === kind.value)
      && (!status.value || e.status === status.value));
    list.replaceChildren(...(shown.length ? shown.map(entry) : [h('li', {}, t('timeline.none'))]));
  };
  const [kindField, kind] = choice(`tl-kind-${id ?? 'all'}`, t('timeline.kind'), KINDS, 'kind', render);
  const [statusField, status] = choice(`tl-status-${id ?? 'all'}`, t('timeline.status'), STATUSES, 'status', render);
  gql(TIMELINE, { id }).then((data) => { events = data.timeline; render(); })
    .catch((error) => list.replaceChildren(h('li', { role: 'alert' }, t('error') + error.message)));
  return h('div', { class: 'timeline-view' }, h('div', { class: 'filters' }, kindField, statusField), list);
}
