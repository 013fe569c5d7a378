import { useEffect, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * A long list drawn a screenful at a time: only the rows in view are rendered, the list starts at the top
 * again when `listKey` (the query, the filters) changes, and `onNearEnd` asks for the next page when the
 * last `margin` rows come into view.
 */
export function useInfiniteRows(opts: {
  count: number;
  scrollRef: RefObject<HTMLElement | null>;
  rowHeight: number;
  listKey: string;
  margin: number;
  onNearEnd: () => void;
}) {
  const { count, scrollRef, rowHeight, listKey, margin, onNearEnd } = opts;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listKey, scrollRef]);

  useEffect(() => {
    if (count > 0 && lastVisible >= count - margin) onNearEnd();
  }, [lastVisible, count, margin, onNearEnd]);

  return { virtualizer, virtualRows };
}
