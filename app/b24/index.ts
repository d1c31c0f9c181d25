// The only door into the SDK for the app. Node-only helpers (createHookClient) live in
// app/b24/hook-client.ts so the browser bundle never pulls in node:https.
export { loadB24, isInPortalFrame, outsidePortalHint, HANDSHAKE_TIMEOUT_MS, SANDBOX_APP_URL } from './loader.ts';
export type { B24Boot, OutsidePortalHint } from './loader.ts';
export { initInfo } from './init-info.ts';
export type { InitInfo, InitSource } from './init-info.ts';
export { createFrame } from './frame.ts';
export type { Frame, FrameSdk, FrameEnv, PickedUser, PickedCrmItem, CrmPickType } from './frame.ts';
export {
  B24Client,
  ResultRef,
  LIST_SHAPES,
  listShapeOf,
  encodeCommand,
  toBitrixError,
  BATCH_MAX,
  PAGE,
} from './client.ts';
export type {
  B24ClientOptions,
  RawCaller,
  RestAnswer,
  Params,
  BatchCommand,
  BatchOutcome,
  ListShape,
} from './client.ts';
export { BitrixError, errorFromBody, statusForCode } from './errors.ts';
export { sdkCaller, sdkOnceCaller, fromSdkError } from './sdk-caller.ts';
export { isRetrySafe } from './write-policy.ts';
export { TEST_RESTRICTION_PARAMS } from './restrictions.ts';
export { B24Provider, useB24, useInitInfo, useFrame, useB24Client } from './react.tsx';
export type { B24ProviderProps } from './react.tsx';
