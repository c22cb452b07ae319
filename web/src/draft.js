// "Draft from article": paste an article, see what the drafter proposes highlighted in its text, accept,
// reject or edit each proposal, then download the fixture file or, with a token, write it to the graph.
import { gql } from './api.js';
import { download, h, section } from './dom.js';
import { relationLabel, t } from './i18n.js';

const DRAFT = `query Draft($text: String!, $published: Date, $url: String, $outlet: String, $title: String) {
  draftArticle(text: $text, published: $published, url: $url, outlet: $outlet, title: $title) {
    sourceId missing
    sentences { number start end }
    proposals { key section record type label sentences confidence check needsReview spans { start end } }
  }
}`;
const RENDER = `query Render($records: [DraftRecordInput!]!, $missing: [String!]) {
  renderDraft(records: $records, missing: $missing) { yaml pending problems { where message } }
}`;
const APPLY = `mutation Apply($records: [DraftRecordInput!]!) {
  applyDraft(records: $records) { nodeIds relationIds }
}`;
const ARTICLE_FIELDS = [['text', 'textarea'], ['published', 'date'], ['url', 'url'], ['outlet', 'text'], ['title', 'text']];
const STATUSES = ['proposed', 'planned', 'signed', 'active', 'stalled', 'completed'];
const KINDED = ['Place', 'Institution', 'Event'];

// Kept across renders (a language switch re-renders the page): the analyst's text and decisions stay.
const saved = { fields: {}, draft: null, items: new Map(), focus: null, token: '' };

/** The fields of a record the analyst may edit, by what it is. */
function editableFields(item) {
  const { record } = item;
  if (item.proposal.section === 'NODES') {
    if (record.extends) return ['aliases'];
    return ['id', 'name', ...(KINDED.includes(record.type) || 'kind' in record ? ['kind'] : [])];
  }
  if (record.extends) return [];
  return record.type === 'HOLDS_POSITION' ? ['title'] : ['status', 'date'];
}

/** The records kept, as renderDraft and applyDraft take them. */
function keptRecords() {
  return [...saved.items.values()].filter((item) => item.decision !== 'rejected').map((item) => ({
    key: item.proposal.key, section: item.proposal.section, record: item.record,
    reviewed: item.decision === 'accepted', sentences: item.proposal.sentences,
    confidence: item.proposal.confidence, check: item.proposal.check,
  }));
}

/** Give a new entity another id everywhere the draft names it. */
function renameEverywhere(from, to) {
  const swap = (value) => (value === from ? to : Array.isArray(value) ? value.map(swap) : value);
  for (const item of saved.items.values()) {
    item.record = Object.fromEntries(Object.entries(item.record).map(([k, v]) => [k, swap(v)]));
  }
}

function errorBox(error) {
  const problems = error.problems ?? [];
  const message = problems.length ? error.message.split('\n')[0] : error.message;
  return h('div', { role: 'alert', class: 'error', 'data-testid': 'draft-error', dataset: { code: error.code ?? '' } },
    h('strong', {}, error.code ? `${error.code}: ` : t('error')), message,
    problems.length ? h('ul', {}, problems.map((p) => h('li', {}, h('code', {}, p.where), ` ${p.message}`))) : null);
}

function articleForm(onDraft) {
  const inputs = ARTICLE_FIELDS.map(([name, type]) => {
    const id = `draft-${name}`;
    const attrs = { id, name, oninput: (e) => { saved.fields[name] = e.target.value; } };
    const input = type === 'textarea'
      ? h('textarea', { ...attrs, rows: 10, required: true, 'data-testid': 'draft-text-input' }, saved.fields[name] ?? '')
      : h('input', { ...attrs, type, value: saved.fields[name] ?? '' });
    return h('span', { class: `field field-${name}` }, h('label', { for: id }, t(`draft.article.${name}`)), input);
  });
  return h('form', { class: 'draft-form', onsubmit: (e) => { e.preventDefault(); onDraft(); } },
    inputs, h('button', { type: 'submit', 'data-testid': 'draft-submit' }, t('draft.submit')));
}

/** The article's text, sentence by sentence, with every entity the drafter found marked where it is named. */
function articleText(draft, onFocus) {
  const marks = [];
  for (const item of saved.items.values()) {
    for (const span of item.proposal.spans) marks.push({ ...span, item });
  }
  marks.sort((a, b) => a.start - b.start);
  const text = saved.draftText;
  const pieces = [];
  let at = 0;
  for (const sentence of draft.sentences) {
    if (sentence.start > at) pieces.push(text.slice(at, sentence.start));
    const inside = marks.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    pieces.push(sentenceSpan(text, sentence, inside, onFocus));
    at = sentence.end;
  }
  pieces.push(text.slice(at));
  return h('div', { class: 'draft-text', 'data-testid': 'draft-text' }, pieces);
}

function sentenceSpan(text, sentence, marks, onFocus) {
  const parts = [h('sup', { class: 'sentence-number' }, String(sentence.number))];
  let at = sentence.start;
  for (const mark of marks.filter((m) => m.start >= at)) {
    parts.push(text.slice(at, mark.start));
    const { proposal, decision } = mark.item;
    const focus = saved.focus === proposal.key ? ' focus' : '';
    parts.push(h('mark', { class: `mention mention-${proposal.type} ${decision}${focus}`, title: `${proposal.label} (${proposal.key})`,
      'data-testid': 'mention', dataset: { key: proposal.key }, onclick: () => onFocus(proposal.key) },
    text.slice(mark.start, mark.end)));
    at = mark.end;
  }
  parts.push(text.slice(at, sentence.end));
  const focused = saved.items.get(saved.focus)?.proposal.sentences.includes(sentence.number);
  return h('span', { class: `sentence${focused ? ' focus' : ''}`, dataset: { number: sentence.number } }, parts);
}

function typeBadge(proposal) {
  const isNode = proposal.section === 'NODES';
  return h('span', { class: `badge ${isNode ? `type-${proposal.type}` : 'type-relation'}` },
    isNode ? t(`type.${proposal.type}`) : relationLabel(proposal.type));
}

function fieldInput(item, name, id) {
  const value = item.record[name];
  if (name === 'status') {
    return h('select', { id, name }, h('option', { value: '' }, '—'),
      STATUSES.map((s) => h('option', { value: s, selected: value === s }, t(`status.${s}`))));
  }
  return h('input', { id, name, value: Array.isArray(value) ? value.join(', ') : (value ?? '') });
}

function editForm(item, onSave, onCancel) {
  const fields = editableFields(item).map((name) => {
    const id = `edit-${item.proposal.key}-${name}`;
    return h('span', { class: 'field' }, h('label', { for: id }, t(`draft.field.${name}`)), fieldInput(item, name, id));
  });
  const save = (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.target).entries());
    onSave(values);
  };
  return h('form', { class: 'row edit-form', 'data-testid': 'edit-form', onsubmit: save }, fields,
    h('button', { type: 'submit' }, t('draft.save')), h('button', { type: 'button', onclick: onCancel }, t('draft.cancel')));
}

function applyEdit(item, values) {
  const record = { ...item.record };
  for (const [name, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (name === 'aliases') {
      const aliases = value.split(',').map((a) => a.trim()).filter(Boolean);
      if (aliases.length) record.aliases = aliases; else delete record.aliases;
    } else if (value) record[name] = value;
    else delete record[name];
  }
  const oldId = item.record.id;
  item.record = record;
  if (oldId && record.id && record.id !== oldId) renameEverywhere(oldId, record.id);
  item.decision = 'accepted';
}

function decisionButtons(item, rerender) {
  const decide = (decision) => () => { item.decision = item.decision === decision ? 'open' : decision; item.editing = false; rerender(); };
  return h('span', { class: 'decisions' },
    h('button', { type: 'button', class: 'small', 'aria-pressed': String(item.decision === 'accepted'), onclick: decide('accepted') }, t('draft.accept')),
    h('button', { type: 'button', class: 'small', 'aria-pressed': String(item.decision === 'rejected'), onclick: decide('rejected') }, t('draft.reject')),
    editableFields(item).length
      ? h('button', { type: 'button', class: 'small', onclick: () => { item.editing = !item.editing; rerender(); } }, t('draft.edit'))
      : null);
}

/** A proposal's label with the names as edited: a new entity's own, a relation's ends' (as the server named them
 * unless an end is a new entity of the draft). */
function currentLabel(item) {
  const { proposal, record } = item;
  if (proposal.section === 'NODES') return record.extends ? proposal.label : record.name ?? record.id;
  if (record.extends) return proposal.label;
  const drafted = new Map([...saved.items.values()].filter((i) => i.proposal.section === 'NODES' && !i.record.extends)
    .map((i) => [i.record.id, i.record.name ?? i.record.id]));
  const [start, end] = proposal.label.split(' → ');
  return `${drafted.get(record.from) ?? start} → ${drafted.get(record.to) ?? end}`;
}

function proposalCard(item, rerender, onFocus) {
  const { proposal, record } = item;
  const label = currentLabel(item);
  const percent = `${Math.round(proposal.confidence * 100)} %`;
  const pending = proposal.needsReview && item.decision === 'open';
  return h('li', { class: `proposal ${item.decision}${saved.focus === proposal.key ? ' focus' : ''}`, 'data-testid': 'proposal',
    dataset: { key: proposal.key, decision: item.decision, sentences: proposal.sentences.join(',') } },
  h('div', { class: 'proposal-head', onclick: () => onFocus(proposal.key) }, typeBadge(proposal), ' ',
    h('strong', { class: 'proposal-label' }, label), ' ',
    h('span', { class: 'muted' }, record.extends ? t('draft.known') : t('draft.new')), ' ',
    h('span', { class: 'confidence', title: t('draft.confidence') }, percent),
    pending ? h('span', { class: 'status' }, t('draft.toCheck')) : null),
  h('div', { class: 'small-text' }, `${t('draft.check')}: ${proposal.check}`,
    proposal.sentences.length ? ` · ${t('draft.sentences')} ${proposal.sentences.join(', ')}` : ''),
  item.problems?.length ? h('ul', { class: 'problems' }, item.problems.map((p) => h('li', { role: 'alert' }, p))) : null,
  decisionButtons(item, rerender),
  item.editing ? editForm(item, (values) => { applyEdit(item, values); item.editing = false; rerender(); },
    () => { item.editing = false; rerender(); }) : null,
  h('details', { class: 'record' }, h('summary', {}, t('draft.record')), h('pre', {}, JSON.stringify(record, null, 1))));
}

function attachProblems(problems) {
  for (const item of saved.items.values()) item.problems = [];
  for (const problem of problems) saved.items.get(problem.where)?.problems.push(problem.message);
}

function outcome(output, ...children) {
  output.replaceChildren(...children);
}

async function downloadYaml(output, rerender) {
  const { renderDraft } = await gql(RENDER, { records: keptRecords(), missing: saved.draft.missing });
  attachProblems(renderDraft.problems);
  rerender();
  download(new Blob([renderDraft.yaml], { type: 'application/yaml' }), `${saved.draft.sourceId}.yaml`);
  outcome(output, h('p', { role: 'status', 'data-testid': 'draft-rendered' }, t('draft.downloaded'),
    renderDraft.pending.length ? ` ${t('draft.pending', renderDraft.pending.length)}: ${renderDraft.pending.join(', ')}` : '',
    renderDraft.problems.length ? ` ${t('draft.problems', renderDraft.problems.length)}` : ''));
}

async function writeToGraph(output) {
  const { applyDraft } = await gql(APPLY, { records: keptRecords() }, { token: saved.token });
  const sourceLink = h('a', { href: `#/entity/${encodeURIComponent(saved.draft.sourceId)}` }, t('draft.openSource'));
  outcome(output, h('p', { role: 'status', 'data-testid': 'draft-written' },
    t('draft.written', applyDraft.nodeIds.length, applyDraft.relationIds.length), ' ', sourceLink));
}

function actions(rerender) {
  const output = h('div', { class: 'draft-output' });
  const failed = (error) => {
    attachProblems(error.problems ?? []);
    rerender();
    outcome(output, errorBox(error));
  };
  const token = h('input', { id: 'draft-token', type: 'password', autocomplete: 'off', value: saved.token });
  const write = h('button', { type: 'button', 'data-testid': 'draft-write', disabled: !saved.token,
    onclick: () => writeToGraph(output).catch(failed) }, t('draft.write'));
  token.addEventListener('input', () => { saved.token = token.value; write.disabled = !token.value; });
  const yaml = h('button', { type: 'button', 'data-testid': 'draft-download',
    onclick: () => downloadYaml(output, rerender).catch(failed) }, t('draft.download'));
  return section(t('draft.finish'), h('div', { class: 'row' }, yaml,
    h('span', { class: 'field' }, h('label', { for: 'draft-token' }, t('draft.token')), token), write), output);
}

function focusOn(key) {
  saved.focus = saved.focus === key ? null : key;
  const item = saved.items.get(key);
  document.querySelectorAll('.draft-text .focus, .proposal.focus').forEach((el) => el.classList.remove('focus'));
  if (!saved.focus || !item) return;
  document.querySelectorAll(`.draft-text mark[data-key="${CSS.escape(key)}"]`).forEach((el) => el.classList.add('focus'));
  for (const n of item.proposal.sentences) {
    document.querySelector(`.draft-text .sentence[data-number="${n}"]`)?.classList.add('focus');
  }
  const card = document.querySelector(`.proposal[data-key="${CSS.escape(key)}"]`);
  card?.classList.add('focus');
  card?.scrollIntoView({ block: 'nearest' });
}

function draftResult(target) {
  const list = h('ol', { class: 'proposals', 'data-testid': 'proposals' });
  const text = h('div', {});
  const rerender = () => {
    text.replaceChildren(articleText(saved.draft, focusOn));
    list.replaceChildren(...[...saved.items.values()].map((item) => proposalCard(item, rerender, focusOn)));
  };
  rerender();
  const missing = saved.draft.missing.length
    ? h('ul', { class: 'missing', 'data-testid': 'draft-missing' }, saved.draft.missing.map((m) => h('li', {}, m))) : null;
  target.replaceChildren(missing ? section(t('draft.missing'), missing) : '',
    h('div', { class: 'columns draft-columns' }, section(t('draft.text'), text), section(t('draft.proposals'), list)),
    actions(rerender));
}

/** Render the page; a draft made before a language switch is shown again. */
export function draftPage(view) {
  const result = h('div', { 'data-testid': 'draft-result' });
  const onDraft = async () => {
    result.replaceChildren(h('p', { role: 'status' }, t('loading')));
    const { text, published, url, outlet, title } = saved.fields;
    try {
      const { draftArticle } = await gql(DRAFT, { text: text ?? '', published: published || null, url: url || null,
        outlet: outlet || null, title: title || null });
      saved.draft = draftArticle;
      saved.draftText = text ?? '';
      saved.items = new Map(draftArticle.proposals.map((p) => [p.key, { proposal: p, record: p.record, decision: 'open' }]));
      draftResult(result);
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  };
  view.replaceChildren(h('h1', {}, t('draft.title')), h('p', { class: 'muted' }, t('draft.intro')), articleForm(onDraft), result);
  if (saved.draft) draftResult(result);
}
