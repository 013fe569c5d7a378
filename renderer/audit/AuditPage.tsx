import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import type { Output } from '../../shop/api/contract';
import { onSessionChanged } from '../app/session';
import { formatDateTime } from '../format/dates';
import { ErrorMessage } from '../ui/ErrorMessage';

type Entry = Output<'audit.list'>['entries'][number];

const PAGE_SIZE = 50;
const AREAS = [
  'sales', 'returns', 'shifts', 'drawer', 'catalog', 'arrivals', 'suppliers', 'stock', 'writeoffs', 'recipes', 'pricing', 'markdown',
  'assembly', 'counts', 'occasions', 'users', 'roles', 'shops', 'print', 'printers', 'scanners',
] as const;

/** The audit log, newest first, a page at a time; filter by area. */
export function AuditPage() {
  const { t, i18n } = useTranslation('audit');
  const [area, setArea] = useState<string>('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  async function load(from: string | null, replace: boolean) {
    setLoading(true);
    setError(null);
    try {
      const page = await call('audit.list', {
        limit: PAGE_SIZE,
        ...(from ? { cursor: from } : {}),
        ...(area ? { actionPrefix: `${area}.` } : {}),
      });
      setEntries((list) => (replace ? page.entries : [...list, ...page.entries]));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload from the top when the filter changes or someone signs in
  }, [area, generation]);
  useEffect(() => onSessionChanged(() => setGeneration((g) => g + 1)), []);
  useBackendEvent(['users.changed', 'roles.changed', 'shop.changed'], () => setGeneration((g) => g + 1));

  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <label className="inline">
          {t('area')}
          <select value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">{t('allAreas')}</option>
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {t(`areas.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setGeneration((g) => g + 1)} disabled={loading}>
          {t('common:actions.refresh')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {entries.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('when')}</th>
              <th>{t('who')}</th>
              <th>{t('what')}</th>
              <th>{t('subject')}</th>
              <th>{t('details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row">
                <td className="nowrap">{formatDateTime(entry.at, i18n.language)}</td>
                <td>{entry.userName ?? t('nobody')}</td>
                <td>{t(`actions.${entry.action}`, { defaultValue: entry.action })}</td>
                <td>{entry.entityName ?? (entry.entity ? t(`common:entities.${entry.entity}`, { defaultValue: entry.entity }) : '')}</td>
                <td className="details">{describeDetails(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!loading && !error && entries.length === 0 && <p className="hint">{t('empty')}</p>}
      {cursor && (
        <button type="button" onClick={() => void load(cursor, false)} disabled={loading}>
          {t('more')}
        </button>
      )}
    </div>
  );
}

/** Details as "key: value" pairs, nested changes as "before → after"; whatever else as compact JSON. */
function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return JSON.stringify(details);
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${describeValue(value)}`)
    .join(' · ');
}

function describeValue(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if ('before' in v && 'after' in v) return `${describeValue(v.before)} → ${describeValue(v.after)}`;
    if ('from' in v && 'to' in v) return `${describeValue(v.from)} → ${describeValue(v.to)}`;
  }
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}
