import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from './reportError';

interface Props {
  /** Names the part of the app in the report, e.g. 'page:users'. */
  where: string;
  children: ReactNode;
}

/**
 * Catches a render crash in one part of the app, reports it, and shows a calm message in its place while
 * the rest of the window (and the other screens' state) stays as it was.
 */
export class ErrorBoundary extends Component<Props, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    const withStack = error instanceof Error ? error : new Error(String(error));
    if (info.componentStack) withStack.stack = `${withStack.stack ?? ''}\n${info.componentStack}`;
    reportError(withStack, this.props.where);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return <CrashNotice onRetry={() => this.setState({ error: null })} />;
  }
}

function CrashNotice({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="crash" role="alert">
      <h2>{t('crash.title')}</h2>
      <p data-testid="error-message">{t('crash.body')}</p>
      <button type="button" className="primary" onClick={onRetry}>
        {t('crash.retry')}
      </button>
    </div>
  );
}
