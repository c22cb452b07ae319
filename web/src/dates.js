// Dates shown at the precision the sources give, never with an invented day.
import { t } from './i18n.js';

function parts(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

function monthYear(month, year) {
  return `${t('months')[month - 1]} ${year}`;
}

/** Format an ISO date of 1-3 parts: "2025", "Agu 2025", "29 Agu 2025". */
export function formatIso(iso) {
  const { year, month, day } = parts(iso);
  if (!month) return String(year);
  return day ? `${day} ${monthYear(month, year)}` : monthYear(month, year);
}

// An approximate date is named by the span its earliest and latest possible days cover.
function formatSpan(earliest, latest) {
  const a = parts(earliest);
  const b = parts(latest);
  if (a.year !== b.year) return `${a.year}–${b.year}`;
  if (a.month === b.month) return `${t('date.about')} ${monthYear(a.month, a.year)}`;
  if (a.month >= 9 && b.month === 12) return `${t('date.late')} ${a.year}`;
  if (a.month === 1 && b.month <= 4) return `${t('date.early')} ${a.year}`;
  if (a.month >= 4 && b.month <= 9 && b.month - a.month >= 2) return `${t('date.mid')} ${a.year}`;
  return `${t('months')[a.month - 1]}–${monthYear(b.month, b.year)}`;
}

// Two dates of one precision share what they can: "12–14 Agu 2025", "30 Agu – 2 Sep 2025", "Agu–Sep 2025".
function formatSamePrecision(a, b) {
  const month = (p) => t('months')[p.month - 1];
  if (!a.month) return `${a.year}–${b.year}`;
  if (a.year !== b.year) return null;
  if (!a.day) return `${month(a)}–${monthYear(b.month, b.year)}`;
  if (a.month === b.month) return `${a.day}–${b.day} ${monthYear(a.month, a.year)}`;
  return `${a.day} ${month(a)} – ${b.day} ${monthYear(b.month, b.year)}`;
}

/** Format a span from `start` to `end`, each an ISO date at its own precision; one date when they agree. */
export function formatRange(start, end) {
  if (!end || end === start) return formatIso(start);
  const shared = start.length === end.length ? formatSamePrecision(parts(start), parts(end)) : null;
  return shared ?? `${formatIso(start)} – ${formatIso(end)}`;
}

/** Format a dated thing ({date, datePrecision, dateEarliest, dateLatest}, or an event's {start, end})
 * honestly. */
export function formatDate({ date, datePrecision, dateEarliest, dateLatest, start, end }) {
  if (start) return formatRange(start, end);
  if (datePrecision === 'approximate') {
    if (dateEarliest && dateLatest) return formatSpan(dateEarliest, dateLatest);
    return date ? `${t('date.about')} ${formatIso(date)}` : t('date.unknown');
  }
  return date ? formatIso(date) : t('date.unknown');
}

/** The earliest and latest day a partial date can mean, as ISO strings, for comparisons. */
export function dayBounds(iso) {
  const { year, month, day } = parts(iso);
  if (day) return [iso, iso];
  if (month) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return [`${year}-${mm}-01`, `${year}-${mm}-${last}`];
  }
  return [`${year}-01-01`, `${year}-12-31`];
}
