import { Container } from '@mantine/core';
import { useT } from '../app/i18n/index.ts';
import { ErrorState } from '../app/ui/states.tsx';
import './locales.ts';

/**
 * The SDK handshake failed or timed out. Retry reloads the page: the loader initialises the SDK once per
 * page by design (re-initialising a live SDK instance leaves it dead).
 */
export function BootFailed({
  message,
  onRetry = () => window.location.reload(),
}: {
  message: string;
  onRetry?: () => void;
}) {
  const t = useT('shell');
  const ui = useT('ui');
  return (
    <Container size="sm" py="xl">
      <ErrorState
        title={t('failed.title')}
        message={message}
        hint={t('failed.hint')}
        onRetry={onRetry}
        retryLabel={ui('reload')}
      />
    </Container>
  );
}
