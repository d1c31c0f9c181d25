import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One entry serves every placement; relative asset paths so the build works as a static Bitrix24 app.
export default defineConfig({
  base: './',
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Bitrix24 supports browsers with native modulepreload; the polyfill would cost every placement 0.4 KB.
    modulePreload: { polyfill: false },
    // index.html serves every placement; install.html is the static app's install page (same code).
    rollupOptions: { input: { index: 'index.html', install: 'install.html' } },
    // bench/ reads the manifest to measure the JS each placement loads.
    manifest: true,
  },
});
