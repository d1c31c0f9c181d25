import { Box, Button, Group, Loader, Paper, Text } from '@mantine/core';
import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { CardBundle } from '../../../data/providers/card-provider.ts';
import type { ResourceName } from '../../../data/types.ts';
import { localesReady, useT } from '../../../i18n/index.ts';
import type { ActionFormProps } from './action-form-props.ts';
import './locales.ts';

// The forms are one chunk, fetched when a button is first pressed: the tab's first paint carries only the
// buttons. The chunk registers the forms' strings as it loads; a form shows once their translation is in
// (no English flash). The forms open in place, not in a modal: the frame is as tall as its content, so it
// has no viewport of its own to centre a dialog in — the form grows the frame where the user looks.
const forms = () => import('./quick-action-forms.ts').then(async (m) => (await localesReady(), m));
const FORMS = {
  task: { label: 'newTask', Form: lazy(() => forms().then((m) => ({ default: m.TaskForm }))) },
  meeting: { label: 'meeting', Form: lazy(() => forms().then((m) => ({ default: m.MeetingForm }))) },
  comment: { label: 'comment', Form: lazy(() => forms().then((m) => ({ default: m.CommentForm }))) },
  notify: { label: 'notify', Form: lazy(() => forms().then((m) => ({ default: m.NotifyForm }))) },
} as const satisfies Record<string, { label: string; Form: ComponentType<ActionFormProps> }>;

type Action = keyof typeof FORMS;

export interface QuickActionsProps {
  resource: ResourceName;
  id: string;
  card: CardBundle;
  title: string;
}

/** New task, meeting, comment, notify the responsible: one form at a time; success is confirmed here. */
export function QuickActions({ resource, id, card, title }: QuickActionsProps) {
  const t = useT('crmTab');
  const [open, setOpen] = useState<Action | null>(null);
  const [notice, setNotice] = useState('');
  const current = open ? FORMS[open] : null;
  return (
    <Paper component="section" aria-label={t('actions')} p="md" radius="md" withBorder>
      <Group gap="xs" wrap="wrap">
        {(Object.keys(FORMS) as Action[]).map((action) => {
          return (
            <Button
              key={action}
              size="xs"
              variant={open === action ? 'filled' : 'light'}
              aria-expanded={open === action}
              onClick={() => {
                setNotice('');
                setOpen(open === action ? null : action);
              }}
            >
              {t(FORMS[action].label)}
            </Button>
          );
        })}
      </Group>
      {/* Always present, so screen readers announce the confirmation when it appears. */}
      <div role="status" aria-live="polite">
        {notice ? (
          <Text size="sm" c="teal" mt="xs">
            {notice}
          </Text>
        ) : null}
      </div>
      {current ? (
        <Box mt="sm">
          <Suspense fallback={<Loader size="xs" aria-label={t('loading')} />}>
            <current.Form
              resource={resource}
              id={id}
              card={card}
              title={title}
              onDone={(message) => {
                setOpen(null);
                setNotice(message);
              }}
              onCancel={() => setOpen(null)}
            />
          </Suspense>
        </Box>
      ) : null}
    </Paper>
  );
}
