import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  useReactTable,
  type ColumnDef,
  type ExpandedState,
  type Row,
} from '@tanstack/react-table';
import { formatCentimetres } from '../format/numbers';
import { ColourLabel } from './ColourSwatch';
import { COLUMN_PRIORITY, columnsThatFit, weightOf } from './columns';
import { useMoney } from './useMoney';
import type { ProductKind, ProductListItem, SearchSort } from './types';
import { useInfiniteRows } from '../ui/useInfiniteRows';

export type Grouping = 'none' | 'category' | 'kind';

export interface ProductTableHandle {
  /** Moves the selection by `delta` product rows (group headers are skipped) and scrolls it into view. */
  move(delta: number): void;
}

interface ProductTableProps {
  items: ProductListItem[];
  grouping: Grouping;
  /** Kinds in the catalog's order, so kind groups follow it rather than the alphabet of one language. */
  kindOrder: readonly ProductKind[];
  selectedId: string | null;
  sort: SearchSort;
  dir: 'asc' | 'desc';
  onSort: (sort: SearchSort) => void;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** Called when the last loaded rows come into view (load the next page). */
  onNearEnd: () => void;
  /** Changes when the list is a new one (another search, filter or sort): the view goes back to its top. */
  listKey: string;
  ref?: Ref<ProductTableHandle>;
}

const ROW_HEIGHT = 44;

/** The element's width, following resizes (a wide default until it is first measured). */
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
const GROUP_COLUMN: Record<Exclude<Grouping, 'none'>, string> = { category: 'category', kind: 'kind' };
const MORE_CODES = '+';
const EXPANDED = '▾';
const COLLAPSED = '▸';

/** The product list: a virtualized table (only the rows on screen are in the DOM), optionally grouped. */
export function ProductTable(props: ProductTableProps) {
  const { items, grouping, kindOrder, selectedId, sort, dir, onSort, onSelect, onOpen, onNearEnd, listKey, ref } = props;
  const { t, i18n } = useTranslation('catalog');
  const language = i18n.language;
  const { format } = useMoney();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ExpandedState>(true);

  // Grouping keeps the backend's order inside each group; the groups themselves are put in a sensible order.
  const data = useMemo(() => {
    if (grouping === 'none') return items;
    const rank = (p: ProductListItem) =>
      grouping === 'kind' ? String(kindOrder.indexOf(p.kind)).padStart(2, '0') : p.categoryName === null ? '\uFFFF' : p.categoryName;
    const collator = new Intl.Collator(language);
    return items
      .map((p, i) => ({ p, i, r: rank(p) }))
      .sort((a, b) => collator.compare(a.r, b.r) || a.i - b.i)
      .map((x) => x.p);
  }, [items, grouping, kindOrder, language]);

  const columns = useMemo<ColumnDef<ProductListItem>[]>(
    () => [
      {
        id: 'name',
        header: () => t('columns.name'),
        accessorFn: (p) => p.name,
        cell: ({ row }) => (
          <>
            <span className="product-name" title={row.original.name}>
              {row.original.name}
            </span>
            {row.original.archived && <span className="badge">{t('archived.badge')}</span>}
          </>
        ),
      },
      {
        id: 'kind',
        header: () => t('columns.kind'),
        accessorFn: (p) => p.kind,
        cell: ({ row }) => <Clipped text={t(`kinds.${row.original.kind}`)} />,
      },
      {
        id: 'category',
        header: () => t('columns.category'),
        accessorFn: (p) => p.categoryName ?? '',
        cell: ({ row }) => <Clipped text={row.original.categoryName ?? ''} />,
      },
      {
        id: 'variety',
        header: () => t('columns.variety'),
        accessorFn: (p) => p.variety ?? '',
        cell: ({ row }) => <Clipped text={row.original.variety ?? ''} />,
      },
      { id: 'colour', header: () => t('columns.colour'), accessorFn: (p) => p.colour ?? '', cell: ({ row }) => <ColourLabel colour={row.original.colour} /> },
      {
        id: 'length',
        header: () => t('columns.length'),
        accessorFn: (p) => p.stemLengthCm,
        cell: ({ row }) => (row.original.stemLengthCm === null ? '' : formatCentimetres(row.original.stemLengthCm, language)),
      },
      {
        id: 'price',
        header: () => t('columns.price'),
        accessorFn: (p) => p.price,
        cell: ({ row }) => (
          <>
            {format(row.original.price)}
            <small className="unit">{t('perUnit', { unit: t(`unitsShort.${row.original.unit}`) })}</small>
          </>
        ),
      },
      {
        id: 'barcodes',
        header: () => t('columns.barcodes'),
        accessorFn: (p) => p.barcodes.join(' '),
        cell: ({ row }) => {
          const [first, ...rest] = row.original.barcodes;
          if (!first) return '';
          return (
            <span className="codes" title={row.original.barcodes.join('\n')}>
              <code>{first}</code>
              {rest.length > 0 && <small>{`${MORE_CODES}${rest.length}`}</small>}
            </span>
          );
        },
      },
    ],
    [t, language, format],
  );

  // Stable state objects: react-table recomputes its row models (and resets paging) whenever these change identity.
  const groupingState = useMemo(() => (grouping === 'none' ? [] : [GROUP_COLUMN[grouping]]), [grouping]);
  const width = useWidth(scrollRef);
  const columnVisibility = useMemo(() => {
    const shown = columnsThatFit(width, grouping === 'none' ? null : GROUP_COLUMN[grouping]);
    return Object.fromEntries(COLUMN_PRIORITY.map((c) => [c.id, shown.has(c.id)]));
  }, [grouping, width]);

  const table = useReactTable({
    data,
    columns,
    getRowId: (p) => p.id,
    state: { grouping: groupingState, expanded, columnVisibility },
    onExpandedChange: setExpanded,
    getCoreRowModel: getCoreRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    manualSorting: true,
    manualPagination: true,
    autoResetExpanded: false,
    autoResetPageIndex: false,
  });

  const rows = table.getRowModel().rows;
  const { virtualizer, virtualRows } = useInfiniteRows({
    count: rows.length,
    scrollRef,
    rowHeight: ROW_HEIGHT,
    listKey,
    margin: 20,
    onNearEnd,
  });

  useImperativeHandle(
    ref,
    () => ({
      move(delta: number) {
        const productIndexes = rows.flatMap((r, i) => (r.getIsGrouped() ? [] : [i]));
        if (productIndexes.length === 0) return;
        const at = productIndexes.findIndex((i) => rows[i]?.id === selectedId);
        const next = at < 0 ? (delta > 0 ? 0 : productIndexes.length - 1) : Math.min(Math.max(at + delta, 0), productIndexes.length - 1);
        const index = productIndexes[next];
        const row = index === undefined ? undefined : rows[index];
        if (row && index !== undefined) {
          onSelect(row.original.id);
          virtualizer.scrollToIndex(index, { align: 'auto' });
        }
      },
    }),
    [rows, selectedId, onSelect, virtualizer],
  );

  const visibleColumns = table.getVisibleLeafColumns();
  const totalWeight = visibleColumns.reduce((sum, c) => sum + weightOf(c.id), 0) || 1;
  const paddingTop = virtualRows[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const sortable: Partial<Record<string, SearchSort>> = { name: 'name', price: 'price' };

  function groupLabel(row: Row<ProductListItem>): string {
    if (row.groupingColumnId === 'kind') return t(`kinds.${String(row.groupingValue)}`);
    return row.groupingValue ? String(row.groupingValue) : t('group.noCategory');
  }

  return (
    <div className="product-table-scroll" ref={scrollRef} data-testid="product-table">
      <table className="product-table">
        <colgroup>
          {visibleColumns.map((c) => (
            <col key={c.id} className={`col-${c.id}`} style={{ width: `${(100 * weightOf(c.id)) / totalWeight}%` }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sortKey = sortable[h.column.id];
                const active = sortKey !== undefined && sortKey === sort;
                return (
                  <th
                    key={h.id}
                    className={`col-${h.column.id}`}
                    aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {sortKey ? (
                      <button type="button" className="th-sort" onClick={() => onSort(sortKey)}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {active && <span aria-hidden="true">{dir === 'asc' ? ' ↑' : ' ↓'}</span>}
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={visibleColumns.length} style={{ height: paddingTop }} />
            </tr>
          )}
          {virtualRows.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            if (row.getIsGrouped()) {
              const open = row.getIsExpanded();
              return (
                <tr key={row.id} className="group-row" data-testid="product-group" style={{ height: ROW_HEIGHT }}>
                  <td colSpan={visibleColumns.length}>
                    <button type="button" className="group-toggle" aria-expanded={open} onClick={row.getToggleExpandedHandler()}>
                      <span aria-hidden="true" className="chevron">{open ? EXPANDED : COLLAPSED}</span>
                      {groupLabel(row)}
                      <small className="group-count">{t('count', { count: row.subRows.length })}</small>
                    </button>
                  </td>
                </tr>
              );
            }
            const selected = row.original.id === selectedId;
            return (
              <tr
                key={row.id}
                data-testid="product-row"
                data-product-id={row.original.id}
                className={`product-row${selected ? ' selected' : ''}${row.original.archived ? ' archived' : ''}`}
                aria-selected={selected}
                style={{ height: ROW_HEIGHT }}
                onClick={() => {
                  onSelect(row.original.id);
                  onOpen(row.original.id);
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={visibleColumns.length} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Cell text that may be cut off by the column: the whole of it on hover. */
function Clipped({ text }: { text: string }) {
  return <span title={text}>{text}</span>;
}
