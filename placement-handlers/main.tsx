import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadB24 } from '../app/b24/index.ts';
import { AppShell } from './app-shell.tsx';
import { prepareApp } from './prepare.ts';

// The SDK is initialised at module level, once per page, before React renders (see app/b24/loader.ts).
const booting = loadB24().then((boot) => prepareApp(boot));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppShell booting={booting} />
  </StrictMode>,
);
