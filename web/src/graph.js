// The interactive neighbourhood graph: Cytoscape.js, expandable in place, filtered by type and date, exportable.
import cytoscape from 'cytoscape';
import { dayBounds } from './dates.js';
import { download, h } from './dom.js';
import { captionScale, CROWDED, layoutFor, PADDING } from './graphlayout.js';
import { NODE_LOOK, stylesheet } from './graphstyle.js';
import { relationLabel, t } from './i18n.js';
import { entityWithRelations } from './relations.js';

const NEIGHBOUR_FIELDS = 'id type direction date datePrecision status properties other { id name type }';

/** Cytoscape elements for an entity and its relations. */
export function elementsOf(entity) {
  const unique = new Map([entity, ...entity.relations.map((r) => r.other)].map((e) => [e.id, e]));
  const nodes = [...unique.values()].map((e) => ({ group: 'nodes', data: { id: e.id, label: e.name, type: e.type } }));
  const edges = entity.relations.map((r) => ({ group: 'edges', data: {
    id: r.id, label: relationLabel(r.type), type: r.type, date: r.date, datePrecision: r.datePrecision, status: r.status,
    earliest: r.properties.date_earliest ?? null, latest: r.properties.date_latest ?? null,
    source: r.direction === 'OUT' ? entity.id : r.other.id, target: r.direction === 'OUT' ? r.other.id : entity.id,
  } }));
  return [...nodes, ...edges];
}

// An edge is kept when it has no date or its possible days overlap [from, to].
function inRange(edge, from, to) {
  const date = edge.data('date');
  if (!date || (!from && !to)) return true;
  const first = edge.data('earliest') ?? dayBounds(date)[0];
  const last = edge.data('latest') ?? dayBounds(date)[1];
  return (!from || last >= from) && (!to || first <= to);
}

function legend() {
  const items = Object.entries(NODE_LOOK).map(([type, look]) => h('li', {},
    h('span', { class: `swatch shape-${look.shape}`, style: `background:${look.color}`, 'aria-hidden': 'true' }),
    t(`type.${type}`)));
  return h('div', { class: 'legend' }, h('h3', {}, t('graph.legend')), h('ul', {}, items));
}

function saveJson(cy, rootId) {
  const visible = cy.elements(':visible');
  const body = { root: rootId, nodes: visible.nodes().map((n) => n.data()), edges: visible.edges().map((e) => e.data()) };
  download(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), `jalin-${rootId}.json`);
}

function savePng(cy, rootId) {
  download(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), `jalin-${rootId}.png`);
}

/** Build the graph view of `entity` (with relations); `onOpen(id)` opens an entity's page. */
export function graphView(entity, onOpen) {
  const container = h('div', { class: 'graph', 'data-testid': 'entity-graph', role: 'img', 'aria-label': t('graph.label') });
  const counter = h('p', { class: 'muted', role: 'status' });
  const typeBox = h('fieldset', { class: 'types' }, h('legend', {}, t('graph.types')));
  const fromInput = h('input', { type: 'date', id: 'graph-from' });
  const toInput = h('input', { type: 'date', id: 'graph-to' });
  const selected = h('div', { class: 'selected', 'aria-live': 'polite' });
  const nodeList = h('ul', { class: 'node-list' });
  // Headless until mounted: Cytoscape measures its container, which must be in the page first.
  let scale = { caption: 1, root: 1 };
  const cy = cytoscape({ elements: elementsOf(entity), style: stylesheet(() => scale), styleEnabled: true });
  cy.$id(entity.id).addClass('root');
  window.jalin = { ...(window.jalin ?? {}), cy };
  const expanded = new Set([entity.id]);
  const fit = () => cy.fit(cy.elements(':visible'), PADDING);
  const rescale = () => { // true when captions changed size
    const next = captionScale(cy);
    const changed = next.caption !== scale.caption || next.root !== scale.root;
    if (changed) { scale = next; cy.style().update(); }
    return changed;
  };
  // Tests and scripts wait for `data-layout="ready"`: the last layout has stopped and the view is fitted
  // to the captions at their final size.
  cy.on('layoutstart', () => { container.dataset.layout = 'running'; });
  cy.on('layoutstop', () => {
    if (rescale()) fit();
    container.dataset.layout = 'ready';
  });
  cy.on('zoom', rescale);

  function applyFilters() {
    const types = new Set([...typeBox.querySelectorAll('input:checked')].map((i) => i.value));
    cy.batch(() => {
      cy.edges().forEach((e) => e.toggleClass('hidden', !types.has(e.data('type'))
        || !inRange(e, fromInput.value, toInput.value)));
      cy.nodes().forEach((n) => n.toggleClass('hidden', !n.hasClass('root')
        && n.connectedEdges().filter((e) => !e.hasClass('hidden')).length === 0));
    });
    counter.textContent = t('graph.count', cy.nodes(':visible').length, cy.edges(':visible').length);
  }

  function refreshTypes() {
    const known = new Set([...typeBox.querySelectorAll('input')].map((i) => i.value));
    const types = [...new Set(cy.edges().map((e) => e.data('type')))]
      .sort((a, b) => relationLabel(a).localeCompare(relationLabel(b)));
    for (const type of types.filter((x) => !known.has(x))) {
      const id = `graph-type-${type}`;
      typeBox.append(h('span', { class: 'check', title: type },
        h('input', { type: 'checkbox', id, value: type, checked: true, onchange: applyFilters }),
        h('label', { for: id, dataset: { type } }, relationLabel(type))));
    }
  }

  function refreshNodeList() {
    nodeList.replaceChildren(...cy.nodes().sort((a, b) => a.data('label').localeCompare(b.data('label'))).map((n) =>
      h('li', {}, h('a', { href: `#/entity/${encodeURIComponent(n.id())}` }, n.data('label')), ' ',
        h('span', { class: 'muted' }, t(`type.${n.data('type')}`)), ' ',
        expanded.has(n.id()) ? null : h('button', { type: 'button', class: 'small', 'data-expand': n.id(),
          'aria-label': `${t('graph.expand')}: ${n.data('label')}`, onclick: () => expand(n.id()) }, t('graph.expand')))));
  }

  function refresh() {
    cy.edges().toggleClass('quiet', cy.nodes().length > CROWDED);
    refreshTypes();
    refreshNodeList();
    applyFilters();
  }

  async function expand(id) {
    const neighbour = await entityWithRelations(id, 'id name type', NEIGHBOUR_FIELDS);
    expanded.add(id);
    const fresh = elementsOf(neighbour).filter((el) => cy.getElementById(el.data.id).empty());
    const added = cy.add(fresh);
    const centre = cy.$id(id).position();
    added.nodes().positions(() => ({ x: centre.x + Math.random() * 80 - 40, y: centre.y + Math.random() * 80 - 40 }));
    refresh();
    cy.layout(layoutFor(cy, entity.id)).run();
    select(cy.$id(id));
  }

  function select(node) {
    cy.edges('.near').removeClass('near');
    node.connectedEdges().addClass('near');
    // replaceChildren would print a null as the text "null": build the list without it.
    const parts = [h('strong', {}, `${t('graph.selected')}: `), node.data('label'), ' ',
      h('button', { type: 'button', class: 'small', onclick: () => onOpen(node.id()) }, t('graph.open'))];
    if (!expanded.has(node.id())) {
      parts.push(' ', h('button', { type: 'button', class: 'small', onclick: () => expand(node.id()) }, t('graph.expand')));
    }
    selected.replaceChildren(...parts);
  }

  cy.on('tap', 'node', (event) => select(event.target));
  cy.on('dbltap', 'node', (event) => onOpen(event.target.id()));
  fromInput.addEventListener('change', applyFilters);
  toInput.addEventListener('change', applyFilters);

  const controls = h('div', { class: 'graph-controls' }, typeBox,
    h('span', { class: 'field' }, h('label', { for: 'graph-from' }, t('graph.from')), fromInput),
    h('span', { class: 'field' }, h('label', { for: 'graph-to' }, t('graph.to')), toInput),
    h('button', { type: 'button', 'data-testid': 'export-png', onclick: () => savePng(cy, entity.id) }, t('graph.png')),
    h('button', { type: 'button', 'data-testid': 'export-json', onclick: () => saveJson(cy, entity.id) }, t('graph.json')),
    h('button', { type: 'button', 'data-testid': 'graph-fit', title: t('graph.fitLabel'),
      onclick: fit }, t('graph.fit')));
  const view = h('div', { class: 'graph-view' }, controls, h('p', { class: 'muted' }, t('graph.hint')), container,
    counter, selected, legend(), h('details', {}, h('summary', {}, t('graph.nodes')), nodeList));
  requestAnimationFrame(() => { cy.mount(container); refresh(); cy.layout(layoutFor(cy, entity.id, true)).run(); });
  return view;
}
