import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { Output } from '../../shop/api/contract';
import { useMoney } from '../catalog/useMoney';
import { formatDateTime } from '../format/dates';
import { columnsThatFit, moreLines } from './rows';
import { useInfiniteRows } from '../ui/useInfiniteRows';

export type JournalRow = Output<'journal.list'>['rows'][number];

export interface JournalTableHandle {
  /** Moves the selection by `delta` rows and scrolls it into view. */
  move(delta: number): void;
}

const ROW_HEIGHT = 44;
/** Columns by how much they matter, with the width each needs; the items column takes what is left. */
const COLUMN_WIDTHS: readonly (readonly [string, number])[] = [
  ['number', 64],
  ['at', 170],
  ['total', 120],
  ['items', 200],
  ['kind', 110],
  ['methods', 110],
  ['cashier', 150],
  ['client', 150],
];

/** Sales and returns, newest first: a virtualized table (only rows on screen are in the DOM), more loaded near the end. */
export function JournalTable({
  rows,
  selectedId,
  onSelect,
  onNearEnd,
  listKey,
  ref,
}: {
  rows: JournalRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNearEnd: () => void;
  listKey: string;
  ref?: Ref<JournalTableHandle>;
}) {
  const { t, i18n } = useTranslation('journal');
  const language = i18n.language;
  const { format } = useMoney();
  const scrollRef = useRef<HTMLDivElement>(null);

  const columns = useMemo<ColumnDef<JournalRow>[]>(
    () => [
      { id: 'number', header: () => t('columns.number'), cell: ({ row }) => row.original.number },
      { id: 'at', header: () => t('columns.at'), cell: ({ row }) => formatDateTime(row.original.at, language) },
      {
        id: 'kind',
        header: () => t('columns.kind'),
        cell: ({ row }) =>
          row.original.kind === 'return' ? (
            <span className="badge bad" title={row.original.originalNumber ? t('returnOf', { number: row.original.originalNumber }) : undefined}>
              {t('kind.return')}
            </span>
          ) : (
            <span className="badge">{t('kind.sale')}</span>
          ),
      },
      {
        id: 'items',
        header: () => t('columns.items'),
        cell: ({ row }) => {
          const more = moreLines(row.original);
          const text = row.original.names.join(', ');
          return <span title={text}>{more > 0 ? `${text} ${t('moreLines', { more })}` : text}</span>;
        },
      },
      { id: 'cashier', header: () => t('columns.cashier'), cell: ({ row }) => <span title={row.original.cashierName}>{row.original.cashierName}</span> },
      { id: 'client', header: () => t('columns.client'), cell: ({ row }) => <span title={row.original.clientName ?? ''}>{row.original.clientName ?? ''}</span> },
      { id: 'methods', header: () => t('columns.methods'), cell: ({ row }) => row.original.methods.map((m) => t(`method.${m}`)).join(' + ') },
      {
        id: 'total',
        header: () => <span className="num">{t('columns.total')}</span>,
        cell: ({ row }) => <span className="num" data-testid="journal-row-total">{format(row.original.kind === 'return' ? -row.original.total : row.original.total)}</span>,
      },
    ],
    [t, language, format],
  );

  const width = useWidth(scrollRef);
  const columnVisibility = useMemo(() => {
    const shown = columnsThatFit(COLUMN_WIDTHS, width);
    return Object.fromEntries(COLUMN_WIDTHS.map(([id]) => [id, shown.has(id)]));
  }, [width]);
  const table = useReactTable({ data: rows, columns, state: { columnVisibility }, getRowId: (r) => r.id, getCoreRowModel: getCoreRowModel() });
  const visible = table.getVisibleLeafColumns();
  const tableRows = table.getRowModel().rows;
  const { virtualizer, virtualRows } = useInfiniteRows({
    count: tableRows.length,
    scrollRef,
    rowHeight: ROW_HEIGHT,
    listKey,
    margin: 15,
    onNearEnd,
  });

  useImperativeHandle(
    ref,
    () => ({
      move(delta: number) {
        if (rows.length === 0) return;
        const at = rows.findIndex((r) => r.id === selectedId);
        const next = at < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(Math.max(at + delta, 0), rows.length - 1);
        const row = rows[next];
        if (row) {
          onSelect(row.id);
          virtualizer.scrollToIndex(next, { align: 'auto' });
        }
      },
    }),
    [rows, selectedId, onSelect, virtualizer],
  );

  const paddingTop = virtualRows[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const span = visible.length;

  return (
    <div className="journal-scroll" ref={scrollRef} data-testid="journal-table">
      <table className="journal-table">
        <colgroup>
          {visible.map((c) => (
            <col key={c.id} style={c.id === 'items' ? undefined : { width: COLUMN_WIDTHS.find(([id]) => id === c.id)?.[1] }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => (
                <th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={span} style={{ height: paddingTop, border: 0 }} />
            </tr>
          )}
          {virtualRows.map((v) => {
            const row = tableRows[v.index];
            if (!row) return null;
            const selected = row.original.id === selectedId;
            return (
              <tr
                key={row.id}
                className={`journal-row ${row.original.kind}${selected ? ' selected' : ''}`}
                aria-selected={selected}
                style={{ height: ROW_HEIGHT }}
                onClick={() => onSelect(row.original.id)}
                data-testid="journal-row"
                data-kind={row.original.kind}
                data-number={row.original.number}
                data-sale-id={row.original.id}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={span} style={{ height: paddingBottom, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The element's width, following resizes (wide until first measured). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(1200);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
