import { createContext, useContext } from 'react';
import type { Output } from '../../shop/api/contract';
import type { Language } from '../i18n/languages';

export type SessionSummary = NonNullable<Output<'system.status'>['session']>;

export interface AppSession {
  session: SessionSummary;
  /** Whether the signed-in user holds a permission (the backend decides; this only picks what to show). */
  can(permission: string): boolean;
  switchUser(): void;
  setLanguage(language: Language): Promise<void>;
}

export const SessionContext = createContext<AppSession | null>(null);

export function useSession(): AppSession {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in shell');
  return value;
}

type Listener = () => void;
const sessionListeners = new Set<Listener>();

/** Screens that stayed mounted through a user switch reload their data when someone new signs in. */
export function onSessionChanged(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function announceSessionChanged(): void {
  for (const listener of sessionListeners) listener();
}
