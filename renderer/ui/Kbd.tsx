import type { ReactNode } from 'react';

/** A button's shortcut, shown on the button itself. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd aria-hidden="true">{children}</kbd>;
}
