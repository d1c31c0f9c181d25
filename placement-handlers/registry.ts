import type { ComponentType } from 'react';
import type { PlacementProps } from './placement-props.ts';

/** The screens a placement can open; each is its own lazy chunk in `handlers/`. */
export type HandlerKey = 'install' | 'workspace' | 'crm-detail-tab' | 'task-tab' | 'unknown';

type HandlerModule = () => Promise<{ default: ComponentType<PlacementProps> }>;

/**
 * Every fixed placement code Kontor answers (manifest.json must bind the same ones; DEFAULT is the app's
 * own page, never bound). Smart processes add `CRM_DYNAMIC_<entityTypeId>_DETAIL_TAB`, see below.
 */
export const HANDLED_PLACEMENTS = [
  'DEFAULT',
  'CRM_DEAL_DETAIL_TAB',
  'CRM_CONTACT_DETAIL_TAB',
  'CRM_COMPANY_DETAIL_TAB',
  'CRM_LEAD_DETAIL_TAB',
  'TASK_VIEW_TAB',
] as const;

/** A smart process card tab; the entity type id lives only in the code (`CRM_DYNAMIC_1030_DETAIL_TAB`). */
export const CRM_DYNAMIC_DETAIL_TAB = /^CRM_DYNAMIC_(\d+)_DETAIL_TAB$/;

const BY_CODE: Record<(typeof HANDLED_PLACEMENTS)[number], HandlerKey> = {
  DEFAULT: 'workspace',
  CRM_DEAL_DETAIL_TAB: 'crm-detail-tab',
  CRM_CONTACT_DETAIL_TAB: 'crm-detail-tab',
  CRM_COMPANY_DETAIL_TAB: 'crm-detail-tab',
  CRM_LEAD_DETAIL_TAB: 'crm-detail-tab',
  TASK_VIEW_TAB: 'task-tab',
};

/** Whether Kontor has a screen for a placement code (fixed codes and any smart process tab). */
export function isHandledPlacement(code: string): boolean {
  return Object.hasOwn(BY_CODE, code) || CRM_DYNAMIC_DETAIL_TAB.test(code);
}

/** Which screen opens: install mode wins over the placement (the install page arrives as DEFAULT). */
export function handlerKeyFor({ placement, installMode }: { placement: string; installMode: boolean }): HandlerKey {
  if (installMode) return 'install';
  if (CRM_DYNAMIC_DETAIL_TAB.test(placement)) return 'crm-detail-tab';
  return Object.hasOwn(BY_CODE, placement) ? BY_CODE[placement as keyof typeof BY_CODE] : 'unknown';
}

// Literal import() per screen so Vite splits each into its own chunk: a CRM tab loads only its code.
export const HANDLERS: Record<HandlerKey, HandlerModule> = {
  install: () => import('./handlers/install.tsx'),
  workspace: () => import('./handlers/workspace.tsx'),
  'crm-detail-tab': () => import('./handlers/crm-detail-tab.tsx'),
  'task-tab': () => import('./handlers/task-tab.tsx'),
  unknown: () => import('./handlers/unknown.tsx'),
};
