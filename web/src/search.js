// Type-ahead entity search: an ARIA combobox whose options show type, latest office or place, and source count.
import { gql } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { officeTitle } from './offices.js';

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 8) {
    id name type sources { id }
    latestOffice { title former }
    relations(types: ["LOCATED_IN", "PART_OF"], first: 5) { type direction other { name } }
  }
}`;
const DELAY_MS = 150;
let counter = 0;

// A person is best told apart by their latest office, anything else by where it is.
function subtitle(entity) {
  if (entity.latestOffice) return officeTitle(entity.latestOffice);
  const out = entity.relations.filter((r) => r.direction === 'OUT');
  const place = out.find((r) => r.type === 'LOCATED_IN') ?? out.find((r) => r.type === 'PART_OF');
  return place ? place.other.name : '';
}

function option(entity, index, id) {
  return h('li', { role: 'option', id: `${id}-opt-${index}`, class: 'result', 'data-testid': 'search-result',
    'aria-selected': 'false', dataset: { id: entity.id } },
  h('span', { class: `badge type-${entity.type}` }, t(`type.${entity.type}`)),
  h('span', { class: 'result-name' }, entity.name),
  h('span', { class: 'result-sub' }, subtitle(entity)),
  h('span', { class: 'result-sources' }, t('search.sources', entity.sources.length)));
}

/** Build a search combobox; `onPick(entity)` runs when a result is chosen. */
export function searchBox({ label, onPick, testid = 'search-input', initial = '' }) {
  const id = `search-${++counter}`;
  const input = h('input', { id, type: 'search', role: 'combobox', autocomplete: 'off', 'aria-expanded': 'false',
    'aria-controls': `${id}-list`, 'aria-autocomplete': 'list', 'data-testid': testid,
    placeholder: t('search.placeholder'), value: initial });
  const list = h('ul', { id: `${id}-list`, role: 'listbox', class: 'results', 'aria-label': label, hidden: true });
  const status = h('span', { class: 'sr-only', role: 'status' });
  let found = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  function setActive(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    const current = list.children[index];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function pick(index) {
    const entity = found[index];
    if (!entity) return;
    input.value = entity.name;
    close();
    onPick(entity);
  }

  function show(results) {
    found = results;
    list.replaceChildren(...results.map((e, i) => option(e, i, id)));
    if (!results.length) list.append(h('li', { class: 'empty', role: 'presentation' }, t('search.none')));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = results.length ? t('search.count', results.length) : t('search.none');
    setActive(-1);
  }

  async function ask(text) {
    const ticket = ++asked;
    const data = await gql(SEARCH, { text });
    if (ticket === asked) show(data.search);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return close();
    timer = setTimeout(() => ask(text).catch(() => show([])), DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && found.length;
    if (event.key === 'ArrowDown' && open) setActive((active + 1) % found.length);
    else if (event.key === 'ArrowUp' && open) setActive((active - 1 + found.length) % found.length);
    else if (event.key === 'Enter' && open) pick(active >= 0 ? active : 0);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  });
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const li = event.target.closest('[role="option"]');
    if (li) pick([...list.children].indexOf(li));
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  const labelEl = h('label', { for: id, class: 'search-label' }, label);
  return h('div', { class: 'search' }, labelEl, input, list, status);
}
