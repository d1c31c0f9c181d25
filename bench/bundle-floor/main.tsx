// The floor under the CRM tab's JS size: the libraries the brief and issue 3 require, each used the least a
// placement can (React rendering, the SDK in a frame with one batch, a Mantine provider with one Text, one
// i18next string, one TanStack query). Built by bench/build.ts; no Kontor code.
import '@mantine/core/styles.css';
import { initializeB24Frame } from '@bitrix24/b24jssdk';
import { MantineProvider, Text } from '@mantine/core';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { initReactI18next, useTranslation } from 'react-i18next';

type Frame = Awaited<ReturnType<typeof initializeB24Frame>>;

const queryClient = new QueryClient();
void i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: { hello: 'Hello' } } } });

function Floor({ b24 }: { b24: Frame }) {
  const { t } = useTranslation();
  const answer = useQuery({ queryKey: ['batch'], queryFn: () => b24.actions.v2.batch.make({ calls: [] }) });
  return (
    <Text>
      {t('hello')} {answer.status}
    </Text>
  );
}

void initializeB24Frame().then((b24) =>
  createRoot(document.getElementById('root')!).render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <Floor b24={b24} />
      </QueryClientProvider>
    </MantineProvider>,
  ),
);
