// The path finder: how two entities connect, drawn hop by hop with each relation and its sources.
import cytoscape from 'cytoscape';
import { gql } from './api.js';
import { formatDate } from './dates.js';
import { entityLink, h } from './dom.js';
import { stylesheet } from './graphstyle.js';
import { relationLabel, t } from './i18n.js';
import { searchBox } from './search.js';
import { citations } from './sources.js';

const PATH = `query Path($from: ID!, $to: ID!) {
  path(fromId: $from, toId: $to, maxHops: 4) {
    length
    entities { id name type }
    relations { id type direction date datePrecision status properties sources { id name properties } }
  }
}`;

function hop(relation, index, entities) {
  const arrow = relation.direction === 'OUT' ? '→' : '←';
  const dated = relation.date || relation.datePrecision;
  return h('li', { class: 'hop' }, entityLink(entities[index]), ' ',
    h('span', { class: 'rel', title: relation.type, dataset: { type: relation.type } },
      `${arrow} ${relationLabel(relation.type)} ${arrow}`), ' ', entityLink(entities[index + 1]),
    dated ? ` · ${formatDate(relation)}` : '', relation.status ? ` · ${t(`status.${relation.status}`)}` : '',
    h('div', { class: 'small-text' }, citations(relation.sources)));
}

function drawing(path) {
  const container = h('div', { class: 'graph path-graph', role: 'img', 'aria-label': t('path.title') });
  const nodes = path.entities.map((e) => ({ data: { id: e.id, label: e.name, type: e.type } }));
  const edges = path.relations.map((r, i) => {
    const [a, b] = [path.entities[i].id, path.entities[i + 1].id];
    return { data: { id: r.id, label: relationLabel(r.type), type: r.type, source: r.direction === 'OUT' ? a : b, target: r.direction === 'OUT' ? b : a } };
  });
  requestAnimationFrame(() => {
    const cy = cytoscape({ container, elements: [...nodes, ...edges], style: stylesheet(), userZoomingEnabled: false });
    const positions = Object.fromEntries(path.entities.map((e, i) => [e.id, { x: i * 170, y: (i % 2) * 50 }]));
    cy.layout({ name: 'preset', positions, padding: 30 }).run();
  });
  return container;
}

function result(path) {
  if (!path) return h('p', { 'data-testid': 'path-result', role: 'status' }, t('path.none'));
  return h('div', { 'data-testid': 'path-result', dataset: { length: path.length } },
    h('p', { role: 'status' }, h('strong', {}, t('path.length', path.length))), drawing(path),
    h('ol', { class: 'hops' }, path.relations.map((r, i) => hop(r, i, path.entities))));
}

/** Render the path finder; `from`/`to` ids preset it (e.g. from the address). */
export function pathPage(view, params) {
  const chosen = { from: params.get('from'), to: params.get('to') };
  const output = h('div', { class: 'path-output' });
  const find = async () => {
    if (!chosen.from || !chosen.to) return output.replaceChildren(h('p', {}, t('path.pick')));
    output.replaceChildren(h('p', {}, t('loading')));
    const data = await gql(PATH, chosen);
    output.replaceChildren(result(data.path));
  };
  const form = h('form', { class: 'path-form', onsubmit: (e) => { e.preventDefault(); find(); } },
    searchBox({ label: t('path.from'), testid: 'path-from', onPick: (e) => { chosen.from = e.id; } }),
    searchBox({ label: t('path.to'), testid: 'path-to', onPick: (e) => { chosen.to = e.id; } }),
    h('button', { type: 'submit', 'data-testid': 'path-find' }, t('path.find')));
  view.replaceChildren(h('h1', {}, t('path.title')), form, output);
  if (chosen.from && chosen.to) find();
}
