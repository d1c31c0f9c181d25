import { Code } from '@mantine/core';
import IconPlugConnectedX from '@tabler/icons-react/icons/IconPlugConnectedX';
import { useT } from '../../app/i18n/index.ts';
import { EmptyState } from '../../app/ui/states.tsx';
import '../locales.ts';
import type { PlacementProps } from '../placement-props.ts';

/** A placement Kontor has no screen for (an old binding, or one added in the portal by hand). */
export default function UnknownPlacement({ placement }: PlacementProps) {
  const t = useT('shell');
  return (
    <EmptyState
      icon={<IconPlugConnectedX size={28} stroke={1.5} />}
      title={t('unknown.title')}
      hint={t('unknown.hint')}
      action={<Code>{placement}</Code>}
    />
  );
}
