import type { InstallStep } from '../../data/platform/index.ts';
import { useT } from '../../i18n/index.ts';
import './locales.ts';

const FIXED = [
  'CRM_DEAL_DETAIL_TAB',
  'CRM_CONTACT_DETAIL_TAB',
  'CRM_COMPANY_DETAIL_TAB',
  'CRM_LEAD_DETAIL_TAB',
  'TASK_VIEW_TAB',
];

// i18next reads dots as nesting, so option names map to flat keys.
const OPTION_KEYS: Record<string, string> = {
  'kontor.version': 'option.version',
  'kontor.currency': 'option.currency',
  'kontor.workspace.resource': 'option.workspaceResource',
};

/** Labels for plan steps and options in the user's language ("Deal card", "Smart process card: Projects"). */
export function useStepLabel(smartProcessTitles: ReadonlyMap<number, string>) {
  const t = useT('install');
  const dynamic = /^CRM_DYNAMIC_(\d+)_DETAIL_TAB$/;
  return {
    placement(code: string): string {
      if (FIXED.includes(code)) return t(`placement.${code}`);
      const m = dynamic.exec(code);
      const title = m ? smartProcessTitles.get(Number(m[1])) : undefined;
      if (m && title !== undefined) return t('placement.smartProcess', { title });
      return t('placement.other', { code });
    },
    option(name: string): string {
      const key = OPTION_KEYS[name];
      return key ? t(key) : t('option.other', { name });
    },
    action(step: InstallStep): string {
      return t(`action.${step.kind}`);
    },
  };
}
