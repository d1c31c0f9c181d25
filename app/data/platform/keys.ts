/**
 * Query keys of the platform module (install plan, options, data inventory), general to specific so
 * invalidating `platformKeys.all` refreshes everything the install and settings screens read.
 */
export const platformKeys = {
  all: ['platform'] as const,
  installPlan: (handler: string) => ['platform', 'install-plan', handler] as const,
  appOption: (name: string) => ['platform', 'app-option', name] as const,
  userOption: (name: string) => ['platform', 'user-option', name] as const,
  purgeInventory: () => ['platform', 'purge-inventory'] as const,
};
