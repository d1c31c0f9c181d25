import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CardPart } from '../../../data/providers/card-provider.ts';
import { errorDetail, errorMessageKey } from '../../../data/errors/error-message-key.ts';
import { useT } from '../../../i18n/index.ts';
import './locales.ts';

export interface CardSectionProps<T> {
  title: string;
  /** The section's rows, or the portal's refusal (shown in the section; the others still show). */
  part: CardPart<T[]> | undefined;
  /** Said when there are no rows. */
  empty: string;
  children: (rows: T[]) => ReactNode;
}

/**
 * One section of the card tab: a labelled region with its title and count, then its rows, a line saying
 * there are none, or why the portal did not give them. No inner scrolling: the frame grows instead.
 */
export function CardSection<T>({ title, part, empty, children }: CardSectionProps<T>) {
  const t = useT('crmTab');
  const count = part?.ok ? part.data.length : 0;
  let body: ReactNode;
  if (!part) body = null;
  else if (!part.ok) {
    const detail = errorDetail(part.error);
    const message = t(errorMessageKey(part.error));
    body = (
      <Text size="sm" c="red">
        {t('partError', { message: detail ? `${message} (${detail})` : message })}
      </Text>
    );
  } else if (part.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  else body = children(part.data);
  return (
    <Paper component="section" aria-label={title} p="md" radius="md" withBorder>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {title}
          </Text>
          {count > 0 ? (
            <Badge size="sm" variant="light" radius="sm" aria-hidden>
              {count}
            </Badge>
          ) : null}
        </Group>
        {body}
      </Stack>
    </Paper>
  );
}
