// Start-up and routing: #/ overview, #/entity/<id>, #/timeline, #/path, #/offices, #/draft.
import './style.css';
import { h } from './dom.js';
import { draftPage } from './draft.js';
import { entityPage } from './entity.js';
import { currentLang, onLangChange, RELATION_LABELS, setLang, t } from './i18n.js';
import { officesPage, overviewPage } from './overview.js';
import { pathPage } from './path.js';
import { searchBox } from './search.js';
import { timelineView } from './timeline.js';

const view = document.getElementById('view');
// The label table is public so that scripts and tests can check it against the model.
window.jalin = { ...(window.jalin ?? {}), relationLabels: RELATION_LABELS };

function navigate(hash) {
  window.location.hash = hash;
}

function timelinePage(target) {
  target.replaceChildren(h('h1', {}, t('timeline.title')), timelineView(null));
}

const ROUTES = {
  '': overviewPage,
  entity: (target, params, id) => entityPage(target, id, navigate),
  timeline: timelinePage,
  path: pathPage,
  offices: officesPage,
  draft: draftPage,
};

async function route() {
  const [address, query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = address.split('/');
  const render = ROUTES[name] ?? ROUTES[''];
  document.title = 'Jalin';
  view.replaceChildren(h('p', {}, t('loading')));
  try {
    await render(view, new URLSearchParams(query), decodeURIComponent(rest.join('/')));
  } catch (error) {
    view.replaceChildren(h('p', { role: 'alert' }, t('error') + error.message));
  }
}

function renderChrome() {
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('lang.switch');
  toggle.setAttribute('aria-label', t('lang.label'));
  toggle.lang = currentLang() === 'id' ? 'en' : 'id';
  document.getElementById('top-search').replaceChildren(
    searchBox({ label: t('search.label'), onPick: (e) => navigate(`#/entity/${encodeURIComponent(e.id)}`) }));
}

document.getElementById('lang-toggle').addEventListener('click', () => setLang(currentLang() === 'id' ? 'en' : 'id'));
onLangChange(() => { renderChrome(); route(); });
window.addEventListener('hashchange', route);
setLang(currentLang());
