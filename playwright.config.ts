import { defineConfig } from '@playwright/test';

/** Chromium from the system; never downloaded. */
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
  viewport: { width: 1440, height: 900 },
};

export default defineConfig({
  testDir: 'e2e',
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: './e2e/support/global-setup.ts',
  use: { ...chromium, trace: 'off' },
  projects: [
    // The sandbox portal's conformance suite: the real SDK in a test app hosted by the portal page.
    { name: 'sandbox', testDir: 'e2e/sandbox', use: chromium },
    // Kontor itself, built into dist/ (npm test builds first), installed and opened in the sandbox portal.
    { name: 'kontor', testDir: 'e2e/kontor', use: chromium },
  ],
});
