import { Button } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translate } from '../i18n/index.ts';
import { ErrorState } from './error-state.tsx';
import './locales.ts';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** Called with what was caught (tests, reporting); never receives tokens — only the error. */
  onError?: (error: unknown, info: ErrorInfo) => void;
  /** What "Reload" does; the whole page by default (a fresh SDK handshake and fresh caches). */
  onReload?: () => void;
}

interface State {
  error: unknown;
  failed: boolean;
}

/**
 * Catches render errors below it and shows a friendly ErrorState: "Try again" re-renders the subtree,
 * "Reload" reloads the frame. Error boundaries must be classes, hence `translate` instead of a hook.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  private readonly retry = () => this.setState({ error: null, failed: false });

  private readonly reload = () => (this.props.onReload ? this.props.onReload() : window.location.reload());

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorState
        title={translate('ui:crashTitle')}
        message={translate('ui:crashMessage')}
        onRetry={this.retry}
        action={
          <Button variant="default" onClick={this.reload}>
            {translate('ui:reload')}
          </Button>
        }
      />
    );
  }
}
