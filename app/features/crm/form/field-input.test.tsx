// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which neither knows the sandbox's CA (hence no strict SSL
// for this local test portal) nor sends CORS preflights the way a portal page would need.
import type { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../../sandbox/test-utils.ts';
import { B24Provider } from '../../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../../b24/testing/fake-frame.ts';
import { createDataSource, createQueryClient, DataProvider, type FieldMeta } from '../../../data/index.ts';
import { requests, sandboxClient } from '../../../data/testing/sandbox-client.ts';
import {
  cleanup,
  configure,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../../ui/test-utils.tsx';
import { FieldInput, type FieldInputProps } from './field-input.tsx';

// Inputs of each field kind with the deal fields of a real sandbox (demo seed): options, names and titles
// come from the portal through the data layer.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let queryClient: QueryClient;
let dealFields: FieldMeta[];
let contactFields: FieldMeta[];

configure({ asyncUtilTimeout: 10_000 });

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
  const source = createDataSource(sandbox.client);
  [dealFields, contactFields] = await Promise.all([
    source.provider('deals').getFields(),
    source.provider('contacts').getFields(),
  ]);
});
afterAll(async () => t?.close());
afterEach(async () => {
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  cleanup();
});

const fieldOf = (fields: FieldMeta[], name: string) => fields.find((f) => f.name === name)!;

/** The input with its value in state, as a form holds it; `changes` records every value it gave. */
async function show(props: Omit<FieldInputProps, 'onChange' | 'value'> & { value: unknown }) {
  queryClient = createQueryClient({ retry: false });
  const changes: unknown[] = [];
  function Harness() {
    const [value, setValue] = useState<unknown>(props.value);
    return (
      <FieldInput
        {...props}
        value={value}
        onChange={(v) => {
          changes.push(v);
          setValue(v);
        }}
      />
    );
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={fakeFrame()} info={testInitInfo('DEFAULT')}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  const view = await renderWithProviders(<Harness />, { queryClient, wrapper });
  return { ...view, changes };
}

/** Opens a Mantine select by its label and returns the texts of its options. */
async function openOptions(label: string): Promise<HTMLElement[]> {
  const input = screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
  // A select waits (disabled) until its options have arrived.
  await waitFor(() => expect(input.disabled).toBe(false));
  fireEvent.click(input);
  return waitFor(() => {
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    return options;
  });
}

describe('FieldInput', () => {
  it('offers a custom enumeration’s items and gives the chosen item’s id', async () => {
    const region = fieldOf(dealFields, 'ufCrm_REGION');
    const { changes } = await show({ field: region, value: null });
    const options = await openOptions('Region');
    expect(options.map((o) => o.textContent)).toEqual(region.items!.map((i) => i.value));
    fireEvent.click(options[1]!);
    expect(changes.at(-1)).toBe(region.items![1]!.id);
  });

  it('offers the stages of the record’s pipeline only, by name', async () => {
    const stage = fieldOf(dealFields, 'stageId');
    await show({ field: stage, value: 'C1:NEW', resource: 'deals', context: { categoryId: 1 } });
    const names = (await openOptions('Stage')).map((o) => o.textContent);
    const rows = (await t.hook('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_1' } })).body.result as {
      NAME: string;
    }[];
    expect(names).toEqual(rows.map((r) => r.NAME));
  });

  it('names a dictionary’s entries (crm.status by the field’s statusType)', async () => {
    const { changes } = await show({ field: fieldOf(dealFields, 'sourceId'), value: 'CALL' });
    const options = await openOptions('Source');
    expect(options.map((o) => o.textContent)).toContain('Call');
    fireEvent.click(options.find((o) => o.textContent === 'Website')!);
    expect(changes.at(-1)).toBe('WEB');
  });

  it("names the chosen user and finds others by name (the app's one user picker)", async () => {
    const [me] = (await t.hook('user.get', { ID: 1 })).body.result as { NAME: string; LAST_NAME: string }[];
    const [other] = (await t.hook('user.get', { ID: 3 })).body.result as { NAME: string; LAST_NAME: string }[];
    const { changes } = await show({ field: fieldOf(dealFields, 'assignedById'), value: 1 });
    const input = screen.getByRole('combobox', { name: 'Responsible person' }) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe(`${me!.NAME} ${me!.LAST_NAME}`));
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: other!.LAST_NAME } });
    // Found by the portal's search, not only among the first users offered.
    await waitFor(async () => expect(requests(await sandbox.log())).toContain('user.search'));
    fireEvent.click(await screen.findByRole('option', { name: new RegExp(`${other!.NAME} ${other!.LAST_NAME}`) }));
    expect(changes.at(-1)).toBe('3');
  });

  it('names a linked company and finds companies by title', async () => {
    const companies = (
      await t.hook('crm.item.list', { entityTypeId: 4, select: ['id', 'title'], order: { id: 'ASC' } })
    ).body.result as { items: { id: number; title: string }[] };
    const [first, second] = companies.items.filter((c) => !c.title.includes('<'));
    const { changes } = await show({ field: fieldOf(dealFields, 'companyId'), value: first!.id });
    const input = screen.getByLabelText('Company', { selector: 'input' }) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe(first!.title));
    fireEvent.click(input);
    // Mantine counts a change as typing only in the focused input (autofill writes without focus).
    input.focus();
    fireEvent.change(input, { target: { value: second!.title } });
    fireEvent.click(await screen.findByRole('option', { name: second!.title }));
    expect(changes.at(-1)).toBe(String(second!.id));
  });

  it('takes an amount as typed and offers the portal’s currencies beside it', async () => {
    const currencies: string[] = [];
    const { changes } = await show({
      field: fieldOf(dealFields, 'opportunity'),
      value: 100,
      context: { currencyId: 'EUR' },
      onCurrencyChange: (c) => currencies.push(c),
    });
    fireEvent.change(screen.getByLabelText('Amount', { selector: 'input' }), { target: { value: '1 250,75' } });
    expect(changes.at(-1)).toBe('1 250,75');
    const options = await openOptions('Amount: Currency');
    expect(options.map((o) => o.textContent)).toEqual(expect.arrayContaining(['DKK', 'EUR', 'USD']));
    fireEvent.click(options.find((o) => o.textContent === 'USD')!);
    expect(currencies).toEqual(['USD']);
  });

  it('uses native date and date-time inputs and a checkbox for yes/no', async () => {
    await show({ field: fieldOf(dealFields, 'closedate'), value: '2024-09-01T00:00:00+02:00' });
    const date = screen.getByLabelText('Estimated close date', { selector: 'input' }) as HTMLInputElement;
    expect([date.type, date.value]).toEqual(['date', '2024-09-01']);
    cleanup();
    const { changes } = await show({ field: fieldOf(dealFields, 'ufCrm_PRIORITY_CUSTOMER'), value: 'N' });
    const box = screen.getByLabelText('Priority customer') as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(changes).toEqual([true]);
  });

  it('shows a read-only field as text, and edits phones and e-mails with their types', async () => {
    await show({ field: fieldOf(dealFields, 'createdTime'), value: '2024-09-01T10:00:00+02:00' });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/2024/)).toBeTruthy();
    cleanup();
    const fm = fieldOf(contactFields, 'fm');
    const { changes } = await show({
      field: fm,
      value: [{ id: 9, typeId: 'PHONE', valueType: 'WORK', value: '+45 1234' }],
    });
    fireEvent.click(screen.getByText('Add e-mail'));
    fireEvent.change(screen.getByLabelText('E-mail 2'), { target: { value: 'a@example.com' } });
    fireEvent.change(screen.getByLabelText('Phone 1: Type'), { target: { value: 'MOBILE' } });
    expect(changes.at(-1)).toEqual([
      { id: 9, typeId: 'PHONE', valueType: 'MOBILE', value: '+45 1234' },
      { typeId: 'EMAIL', valueType: 'WORK', value: 'a@example.com' },
    ]);
    fireEvent.click(screen.getByLabelText('Remove: Phone 1'));
    expect(changes.at(-1)).toEqual([{ typeId: 'EMAIL', valueType: 'WORK', value: 'a@example.com' }]);
    expect(within(document.body).queryByLabelText('Phone 1')).toBeNull();
  });
});
