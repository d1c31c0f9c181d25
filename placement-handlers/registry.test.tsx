// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, renderWithProviders, screen } from '../app/ui/test-utils.tsx';
import type { PlacementProps } from './placement-props.ts';
import { PlacementRouter } from './placement-router.tsx';
import { CRM_DYNAMIC_DETAIL_TAB, HANDLED_PLACEMENTS, handlerKeyFor, isHandledPlacement } from './registry.ts';

// Each handler module is replaced by a marker, so these tests see which module a placement loads.
function marker(name: string) {
  return {
    default: ({ placement, options }: PlacementProps) => <p>{`${name} ${placement} ${JSON.stringify(options)}`}</p>,
  };
}
vi.mock('./handlers/install.tsx', () => marker('install-module'));
vi.mock('./handlers/workspace.tsx', () => marker('workspace-module'));
vi.mock('./handlers/crm-detail-tab.tsx', () => marker('crm-detail-tab-module'));
vi.mock('./handlers/task-tab.tsx', () => marker('task-tab-module'));
vi.mock('./handlers/unknown.tsx', () => marker('unknown-module'));

afterEach(cleanup);

describe('handlerKeyFor', () => {
  it.each([
    ['DEFAULT', 'workspace'],
    ['CRM_DEAL_DETAIL_TAB', 'crm-detail-tab'],
    ['CRM_CONTACT_DETAIL_TAB', 'crm-detail-tab'],
    ['CRM_COMPANY_DETAIL_TAB', 'crm-detail-tab'],
    ['CRM_LEAD_DETAIL_TAB', 'crm-detail-tab'],
    ['CRM_DYNAMIC_1030_DETAIL_TAB', 'crm-detail-tab'],
    ['CRM_DYNAMIC_183_DETAIL_TAB', 'crm-detail-tab'],
    ['TASK_VIEW_TAB', 'task-tab'],
    ['CRM_QUOTE_DETAIL_TAB', 'unknown'],
    ['CRM_DEAL_LIST_MENU', 'unknown'],
    ['CRM_DYNAMIC_X_DETAIL_TAB', 'unknown'],
    ['TASK_VIEW_SIDEBAR', 'unknown'],
    ['LEFT_MENU', 'unknown'],
    ['toString', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (placement, key) => {
    expect(handlerKeyFor({ placement, installMode: false })).toBe(key);
  });

  it('opens the install wizard in install mode, whatever the placement', () => {
    expect(handlerKeyFor({ placement: 'DEFAULT', installMode: true })).toBe('install');
    expect(handlerKeyFor({ placement: 'CRM_DEAL_DETAIL_TAB', installMode: true })).toBe('install');
  });
});

describe('HANDLED_PLACEMENTS', () => {
  it('lists the fixed codes the manifest binds, plus DEFAULT', () => {
    expect([...HANDLED_PLACEMENTS].sort()).toEqual(
      [
        'CRM_COMPANY_DETAIL_TAB',
        'CRM_CONTACT_DETAIL_TAB',
        'CRM_DEAL_DETAIL_TAB',
        'CRM_LEAD_DETAIL_TAB',
        'DEFAULT',
        'TASK_VIEW_TAB',
      ].sort(),
    );
    for (const code of HANDLED_PLACEMENTS) expect(isHandledPlacement(code)).toBe(true);
  });

  it('matches every smart process tab and nothing else', () => {
    expect(CRM_DYNAMIC_DETAIL_TAB.exec('CRM_DYNAMIC_1030_DETAIL_TAB')?.[1]).toBe('1030');
    expect(isHandledPlacement('CRM_DYNAMIC_128_DETAIL_TAB')).toBe(true);
    expect(isHandledPlacement('CRM_DYNAMIC_128_DETAIL_TOOLBAR')).toBe(false);
    expect(isHandledPlacement('XCRM_DYNAMIC_128_DETAIL_TAB')).toBe(false);
    expect(isHandledPlacement('hasOwnProperty')).toBe(false);
  });
});

describe('PlacementRouter', () => {
  it.each([
    ['DEFAULT', {}, 'workspace-module'],
    ['CRM_DEAL_DETAIL_TAB', { ID: '7' }, 'crm-detail-tab-module'],
    ['CRM_DYNAMIC_1030_DETAIL_TAB', { ID: '3' }, 'crm-detail-tab-module'],
    ['TASK_VIEW_TAB', { taskId: '31' }, 'task-tab-module'],
    ['CRM_ORDER_DETAIL_TAB', { ID: '1' }, 'unknown-module'],
  ])('loads the module for %s with the placement and its options', async (placement, options, module) => {
    await renderWithProviders(<PlacementRouter placement={placement} options={options} installMode={false} />);
    expect((await screen.findByText(new RegExp(`^${module} `))).textContent).toBe(
      `${module} ${placement} ${JSON.stringify(options)}`,
    );
  });

  it('loads the install wizard in install mode', async () => {
    await renderWithProviders(<PlacementRouter placement="DEFAULT" options={{}} installMode />);
    expect(await screen.findByText(/^install-module /)).toBeTruthy();
    expect(screen.queryByText(/workspace-module/)).toBeNull();
  });
});
