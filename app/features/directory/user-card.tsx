import { Alert, Anchor, Avatar, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import IconBell from '@tabler/icons-react/icons/IconBell';
import IconMail from '@tabler/icons-react/icons/IconMail';
import IconPhone from '@tabler/icons-react/icons/IconPhone';
import { useState } from 'react';
import { useFrame } from '../../b24/index.ts';
import { errorMessageKey } from '../../data/errors/error-message-key.ts';
import type { Department } from '../../data/providers/department-provider.ts';
import { useUserCard } from '../../data/query/departments-users.ts';
import { useT } from '../../i18n/index.ts';
import { userCardPath } from '../../ui/crm-path.ts';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import './locales.ts';
import { NotifyDialog } from './notify-dialog.tsx';

export interface UserCardViewProps {
  userId: string;
  departments: Map<string, Department>;
  onDepartment: (departmentId: string) => void;
}

/** A phone number as a `tel:` target: digits and a leading plus only, so portal text never becomes a URL scheme. */
const telHref = (number: string) => `tel:${number.replace(/(?!^\+)[^\d]/g, '')}`;

/**
 * An employee's card: photo, name, position, departments (heads marked), e-mail and phones, and the
 * "Notify" action. Everything the portal sends is shown as text.
 */
export function UserCardView({ userId, departments, onDepartment }: UserCardViewProps) {
  const t = useT('directory');
  const frame = useFrame();
  const card = useUserCard(userId);
  const [notifying, setNotifying] = useState(false);
  const [sent, setSent] = useState(false);

  if (card.error)
    return (
      <ErrorState
        message={`${t(errorMessageKey(card.error))} ${t('card.failed')}`}
        onRetry={() => void card.refetch()}
      />
    );
  if (!card.data) return <LoadingState />;
  const u = card.data;
  const name = u.fullName || `#${u.id}`;
  const headOf = [...departments.values()].filter((d) => d.headId === u.id);

  return (
    <Paper withBorder radius="md" p="md" aria-label={name} component="section">
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Avatar src={u.photo || null} name={name} color="initials" size={72} radius="xl" />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Title order={3} size="h4">
              {name}
            </Title>
            {u.isOnline ? (
              <Badge color="green" variant="light" size="sm">
                {t('card.online')}
              </Badge>
            ) : null}
            {!u.active ? (
              <Badge color="gray" variant="light" size="sm">
                {t('card.inactive')}
              </Badge>
            ) : null}
          </Group>
          {u.workPosition ? <Text c="dimmed">{u.workPosition}</Text> : null}
          {headOf.map((d) => (
            <Text key={d.id} size="sm">
              {t('card.headOf', { name: d.name })}
            </Text>
          ))}
          <Group gap="xs" mt="xs">
            <Button
              leftSection={<IconBell size={16} />}
              onClick={() => {
                setSent(false);
                setNotifying(true);
              }}
              disabled={!u.active}
            >
              {t('card.notify')}
            </Button>
            <Button variant="default" onClick={() => void frame.openPath(userCardPath(u.id)).catch(() => undefined)}>
              {t('card.openProfile')}
            </Button>
          </Group>
        </Stack>
      </Group>

      {sent ? (
        <Alert color="green" variant="light" mt="md" role="status">
          {t('notify.sent', { name })}
        </Alert>
      ) : null}

      <Group align="flex-start" gap="xl" mt="md">
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('card.departments')}
          </Text>
          {u.departmentIds.map((id) => (
            <Anchor key={id} component="button" type="button" size="sm" ta="left" onClick={() => onDepartment(id)}>
              {departments.get(id)?.name ?? `#${id}`}
            </Anchor>
          ))}
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('card.contacts')}
          </Text>
          {!u.email && u.phones.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('card.noContacts')}
            </Text>
          ) : null}
          {u.email ? (
            <Group gap={6} wrap="nowrap">
              <IconMail size={16} stroke={1.5} aria-hidden />
              <Anchor
                size="sm"
                href={`mailto:${encodeURIComponent(u.email).replace('%40', '@')}`}
                aria-label={`${t('card.email')}: ${u.email}`}
              >
                {u.email}
              </Anchor>
            </Group>
          ) : null}
          {u.phones.map((p) => (
            <Group key={p.kind} gap={6} wrap="nowrap">
              <IconPhone size={16} stroke={1.5} aria-hidden />
              <Text size="sm" c="dimmed">
                {t(`card.phone_${p.kind}`)}:
              </Text>
              <Anchor size="sm" href={telHref(p.number)}>
                {p.number}
              </Anchor>
            </Group>
          ))}
        </Stack>
      </Group>

      <NotifyDialog
        user={notifying ? u : null}
        onClose={() => setNotifying(false)}
        onSent={() => {
          setNotifying(false);
          setSent(true);
        }}
      />
    </Paper>
  );
}
