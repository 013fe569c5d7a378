import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, BadLinkError, call, ConnectionError, onCallFailure } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import type { ApiErrorBody } from '../../shop/api/contract';
import { changeLanguage } from '../i18n';
import { isLanguage, type Language } from '../i18n/languages';
import { SetupPage } from '../setup/SetupPage';
import { SignInPage } from '../signin/SignInPage';
import { Shell } from '../shell/Shell';
import { ErrorBoundary } from './ErrorBoundary';
import { GlobalErrors } from './GlobalErrors';
import { announceSessionChanged, SessionContext, type AppSession, type SessionSummary } from './session';
import { BadLink, ConnectionLost, Loading, StartupFailed, Unreachable } from './StatusScreens';

type Phase =
  | { kind: 'booting' }
  | { kind: 'badLink' }
  | { kind: 'startupFailed'; error: ApiErrorBody }
  | { kind: 'unreachable' }
  | { kind: 'setup' }
  | { kind: 'running' };

/**
 * Decides what the window shows: the first-run setup, the sign-in picker, or the shop; and the
 * whole-window failures (wrong link, database that could not be opened, backend gone).
 */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'booting' });
  // The last signed-in session. Kept while the picker is open for a user switch, so the shell beneath
  // stays mounted with everything on it; cleared only by a fresh start.
  const [session, setSession] = useState<SessionSummary | null>(null);
  const [picking, setPicking] = useState(true);
  // Lost the backend while working: say so over the screen (kept as it is) until it answers again.
  const [connectionLost, setConnectionLost] = useState(false);
  // A sign-in must reach the backend after the sign-out that opened the picker, never before it
  // (two requests may overtake each other): the picker waits for this.
  const signedOut = useRef<Promise<unknown>>(Promise.resolve());
  const running = phase.kind === 'running';

  const applySession = useCallback((next: SessionSummary) => {
    setSession(next);
    setPicking(false);
    if (isLanguage(next.language)) void changeLanguage(next.language);
    announceSessionChanged();
  }, []);

  const boot = useCallback(async () => {
    setPhase({ kind: 'booting' });
    try {
      const status = await call('system.status', {});
      setConnectionLost(false);
      if (!status.setupDone) return setPhase({ kind: 'setup' });
      if (status.session) applySession(status.session);
      else setPicking(true);
      setPhase({ kind: 'running' });
    } catch {
      // onCallFailure below has already chosen the screen for this failure.
    }
  }, [applySession]);

  useEffect(() => {
    const stop = onCallFailure((error) => {
      if (error instanceof BadLinkError) setPhase({ kind: 'badLink' });
      else if (error instanceof ConnectionError) {
        setPhase((p) => (p.kind === 'running' ? p : { kind: 'unreachable' }));
        setConnectionLost(true);
      } else if (error instanceof ApiError && error.body.code === 'startup_failed') setPhase({ kind: 'startupFailed', error: error.body });
      // Signed out behind our back (the user was archived, or the backend restarted): back to the picker.
      else if (error instanceof ApiError && error.body.code === 'not_signed_in') setPicking(true);
    });
    void boot();
    return stop;
  }, [boot]);

  // The owner may change this user's role or a role's permissions from another window: the locks in
  // the navigation follow (the backend checks every call anyway).
  useBackendEvent(['roles.changed', 'users.changed'], () => {
    if (!running || picking) return;
    call('system.status', {}).then(
      (status) => setSession((current) => (status.session && current?.userId === status.session.userId ? status.session : current)),
      () => {},
    );
  });

  useEffect(() => {
    if (!connectionLost || !running) return;
    // Ask again every few seconds; the first answer lifts the notice.
    const timer = setInterval(() => {
      call('system.status', {}).then(() => setConnectionLost(false), () => {});
    }, 3000);
    return () => clearInterval(timer);
  }, [connectionLost, running]);

  const appSession = useMemo<AppSession | null>(() => {
    if (!session) return null;
    const granted = new Set(session.permissions as readonly string[]);
    return {
      session,
      can: (permission) => granted.has(permission),
      switchUser: () => {
        setPicking(true);
        // Signing out here (audited) means a reload or a closed picker cannot bring the last user back.
        signedOut.current = call('users.signOut', {}).catch(() => {});
      },
      setLanguage: async (language: Language) => {
        const next = await call('users.setLanguage', { language });
        applySession(next);
      },
    };
  }, [session, applySession]);

  let screen;
  switch (phase.kind) {
    case 'booting':
      screen = <Loading />;
      break;
    case 'badLink':
      screen = <BadLink />;
      break;
    case 'startupFailed':
      screen = <StartupFailed error={phase.error} />;
      break;
    case 'unreachable':
      screen = <Unreachable onRetry={() => void boot()} />;
      break;
    case 'setup':
      screen = (
        <SetupPage
          onDone={(result) => {
            if (result) applySession(result);
            else setPicking(true);
            setPhase({ kind: 'running' });
          }}
        />
      );
      break;
    case 'running':
      screen = (
        <>
          {appSession && (
            <SessionContext.Provider value={appSession}>
              <div className="shell-holder" inert={picking} aria-hidden={picking || undefined}>
                <Shell active={!picking} />
              </div>
            </SessionContext.Provider>
          )}
          {picking && <SignInPage overlay={appSession !== null} onSignedIn={applySession} beforeSignIn={() => signedOut.current} />}
          {connectionLost && <ConnectionLost />}
        </>
      );
      break;
  }

  return (
    <ErrorBoundary where="app">
      <Title />
      {screen}
      <GlobalErrors />
    </ErrorBoundary>
  );
}

/** The window title follows the UI language. */
function Title() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return null;
}
