export { manifest, expandPlacements, VERSION_OPTION, LANGUAGE_OPTION } from './manifest.ts';
export type {
  KontorManifest,
  ManifestPlacement,
  DesiredPlacement,
  LocalizedText,
  ManifestLanguage,
} from './manifest.ts';
export { appHandlerUrl } from './handler-url.ts';
export { computeInstallPlan, commandsOf, isPlanUpToDate } from './install-plan.ts';
export type { InstallPlan, InstallStep, InstallState, BoundPlacement, SmartProcessType } from './install-plan.ts';
export { readInstallState } from './read-install-state.ts';
export { runInstall, runCommands } from './run-install.ts';
export type { InstallReport, StepOutcome, CommandRun } from './run-install.ts';
export { getInstallPlan, installPlanQueryOptions, useInstallPlan } from './get-install-plan.ts';
export { useInstall } from './use-install.ts';
export type { InstallResult, InstallVariables } from './use-install.ts';
export {
  getAppOption,
  getUserOption,
  setUserOption,
  appOptionQueryOptions,
  userOptionQueryOptions,
  useAppOption,
  useUserOption,
  useSetUserOption,
} from './options.ts';
export type { OptionValue } from './options.ts';
export {
  getPurgeInventory,
  purgeKontorData,
  purgeInventoryQueryOptions,
  usePurgeInventory,
  usePurgeKontorData,
} from './purge-kontor-data.ts';
export type { PurgeInventory, PurgeReport, KontorStorage } from './purge-kontor-data.ts';
export { platformKeys } from './keys.ts';
