import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useFrame } from '../../../b24/react.tsx';
import { useRecordList } from '../../../data/query/get-record-list.ts';
import { useManyRecords } from '../../../data/query/lookup-records.ts';
import type { ListParams, RecordData, Resource, ResourceName } from '../../../data/types.ts';
import { useT } from '../../../i18n/index.ts';
import { crmCardPath } from '../../../ui/crm-path.ts';
import { recordTitle } from '../../../ui/record-title.ts';
import { titleFieldOf } from '../form/field-value.tsx';
import './locales.ts';

/** How many records of a relation the detail lists (the portal's card shows the rest). */
const RELATED_LIMIT = 20;

const ENTITY_TYPE: Record<string, number> = { leads: 1, deals: 2, contacts: 3, companies: 4 };

type Relation = 'company' | 'companies' | 'contacts' | 'deals';

interface RelationGroup {
  relation: Relation;
  resource: ResourceName;
  records: RecordData[];
}

const ids = (...values: unknown[]) =>
  [...new Set(values.flat().map((v) => String(v ?? '')))].filter((id) => /^[1-9]\d*$/.test(id));

/**
 * The records linked to this one, each opening its card in a portal slider: a deal's (lead's, smart-process
 * item's) company and contacts, a company's contacts and deals, a contact's companies and deals. Linked ids
 * are read with getMany, reverse links with a filtered list; all of them go out in one batch.
 */
export function RelatedRecords({ resource, record }: { resource: Resource; record: RecordData }) {
  const t = useT('crmRecord');
  const type = resource.entityTypeId ?? 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('related.title')}>
      <Stack gap="sm">
        <Title order={4}>{t('related.title')}</Title>
        {type === 4 ? (
          <CompanyRelations id={record.id} />
        ) : type === 3 ? (
          <ContactRelations record={record} />
        ) : (
          <ClientRelations record={record} />
        )}
      </Stack>
    </Paper>
  );
}

const listOf = (filter: Record<string, unknown>, select: string[]): ListParams => ({
  filter,
  select,
  sort: { field: 'id', order: 'DESC' },
  pagination: { page: 1, perPage: RELATED_LIMIT },
});
const CONTACT_NAMES = ['name', 'secondName', 'lastName'];

/** Deals, leads and smart-process items: their company and contacts. */
function ClientRelations({ record }: { record: RecordData }) {
  const linked = useManyRecords(
    [
      { resource: 'companies' as const, ids: ids(record.companyId) },
      { resource: 'contacts' as const, ids: ids(record.contactIds, record.contactId) },
    ].filter((r) => r.ids.length > 0),
  );
  return (
    <Relations
      loading={linked.isLoading}
      failed={!!linked.error}
      groups={[
        { relation: 'company', resource: 'companies', records: linked.records.companies ?? [] },
        { relation: 'contacts', resource: 'contacts', records: linked.records.contacts ?? [] },
      ]}
    />
  );
}

/** A company: its contacts and deals. */
function CompanyRelations({ id }: { id: string }) {
  const contacts = useRecordList('contacts', listOf({ companyId: Number(id) }, CONTACT_NAMES));
  const deals = useRecordList('deals', listOf({ companyId: Number(id) }, ['title']));
  return (
    <Relations
      loading={contacts.isPending || deals.isPending}
      failed={!!(contacts.error ?? deals.error)}
      groups={[
        { relation: 'contacts', resource: 'contacts', records: contacts.data?.data ?? [] },
        { relation: 'deals', resource: 'deals', records: deals.data?.data ?? [] },
      ]}
    />
  );
}

/** A contact: its companies and the deals it is the contact of. */
function ContactRelations({ record }: { record: RecordData }) {
  const companyIds = ids(record.companyIds, record.companyId);
  const linked = useManyRecords(companyIds.length ? [{ resource: 'companies', ids: companyIds }] : []);
  const deals = useRecordList('deals', listOf({ contactId: Number(record.id) }, ['title']));
  return (
    <Relations
      loading={linked.isLoading || deals.isPending}
      failed={!!(linked.error ?? deals.error)}
      groups={[
        { relation: 'companies', resource: 'companies', records: linked.records.companies ?? [] },
        { relation: 'deals', resource: 'deals', records: deals.data?.data ?? [] },
      ]}
    />
  );
}

function Relations({ groups, loading, failed }: { groups: RelationGroup[]; loading: boolean; failed: boolean }) {
  const t = useT('crmRecord');
  const frame = useFrame();
  const shown = groups.filter((g) => g.records.length > 0);
  return (
    <>
      {failed ? (
        <Text c="red" size="sm" role="alert">
          {t('related.failed')}
        </Text>
      ) : null}
      {!loading && !failed && shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('related.none')}
        </Text>
      ) : null}
      {shown.map((g) => (
        <Stack key={g.relation} gap={4}>
          <Text size="sm" fw={600} c="dimmed">
            {t(`related.${g.relation}`)}
          </Text>
          <Group gap="md" wrap="wrap">
            {g.records.map((r) => (
              <Anchor
                key={r.id}
                component="button"
                type="button"
                ta="left"
                onClick={() =>
                  void frame.openPath(crmCardPath(ENTITY_TYPE[g.resource] ?? 0, r.id)).catch(() => undefined)
                }
              >
                {recordTitle(r, titleFieldOf(g.resource))}
              </Anchor>
            ))}
          </Group>
        </Stack>
      ))}
    </>
  );
}
