import { buildSdkApp } from './sdk-app.ts';

/** Builds the SDK test app once per run; every spec starts its own portal around it. */
export default async function globalSetup(): Promise<void> {
  await buildSdkApp();
}
