import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadB24 } from '../app/b24/loader.ts';
import { AppShell } from './app-shell.tsx';

// The SDK is initialised at module level, before React renders (see app/b24/loader.ts).
const booting = loadB24();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppShell booting={booting} />
  </StrictMode>,
);
