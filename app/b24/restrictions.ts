import type { RestrictionParams } from '@bitrix24/b24jssdk';

/**
 * Limiter settings for automated tests (rest.md §6.4). The SDK merges overrides shallowly, so every
 * sub-object is complete; the adaptive parts are off so a burst never crawls at 2 calls/s.
 * Production keeps the SDK's defaults (burst 50, drain 2/s, adaptive on).
 *
 * @example B24Hook.fromWebhookUrl(url, { restrictionParams: TEST_RESTRICTION_PARAMS })
 */
export const TEST_RESTRICTION_PARAMS: Required<
  Pick<
    RestrictionParams,
    'rateLimit' | 'operatingLimit' | 'adaptiveConfig' | 'maxRetries' | 'retryDelay' | 'retryOnNetworkError'
  >
> = {
  rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
  operatingLimit: { windowMs: 600_000, limitMs: 480_000, heavyPercent: 80 },
  adaptiveConfig: { enabled: false, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 },
  maxRetries: 3,
  retryDelay: 100,
  retryOnNetworkError: true,
};
