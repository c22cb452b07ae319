// Offices as people read them: a holding's title with its standing, and who held it before and after.
import { formatIso } from './dates.js';
import { entityLink, h } from './dom.js';
import { t } from './i18n.js';

/** The GraphQL selection of a person's latest office that `officeTitle` and `latestOfficeLine` read. */
export const LATEST_OFFICE_FIELDS = `latestOffice { title former start end asOf
  institution { id name type } predecessor { person { id name type } } successor { person { id name type } } }`;

/** The title of a holding, marked when the sources show it over. */
export function officeTitle(holding) {
  return holding.former ? `${t('entity.former')} ${holding.title}` : holding.title;
}

function when(holding) {
  const span = [holding.start && formatIso(holding.start), holding.end && formatIso(holding.end)].filter(Boolean);
  if (span.length) return span.join('–');
  const seen = holding.asOf.at(-1);
  return seen ? `${t('entity.asOf')} ${formatIso(seen)}` : '';
}

function neighbour(key, other) {
  return other ? [` · ${t(key)}: `, entityLink(other.person)] : [];
}

/** A person's latest office as one line: title, institution, dates, and who came before and after. */
export function latestOfficeLine(holding) {
  const dated = when(holding);
  return h('p', { 'data-testid': 'latest-office' }, h('strong', {}, `${t('entity.latestOffice')}: `),
    officeTitle(holding), ', ', entityLink(holding.institution), dated ? ` · ${dated}` : '',
    ...neighbour('entity.predecessor', holding.predecessor), ...neighbour('entity.successor', holding.successor));
}
