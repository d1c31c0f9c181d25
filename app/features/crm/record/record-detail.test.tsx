// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which neither knows the sandbox's CA (hence no strict SSL
// for this local test portal) nor sends CORS preflights the way a portal page would need.
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../../sandbox/test-utils.ts';
import { B24Provider, type Frame } from '../../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../../b24/testing/fake-frame.ts';
import { createQueryClient, DataProvider, STATIC_RESOURCES, type Resource } from '../../../data/index.ts';
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
import { RecordCreate } from './record-create.tsx';
import { RecordDetail } from './record-detail.tsx';

// The record detail, its edit form and the create form against a real sandbox (demo seed) over HTTPS through
// the SDK. "Someone in the portal" writes over the admin's webhook; results are checked over REST too.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
// The app's own QueryClient (stale times as in production), retries off.
let queryClient: QueryClient;
let frame: Frame;

const deals = STATIC_RESOURCES.find((r) => r.name === 'deals')!;
const contacts = STATIC_RESOURCES.find((r) => r.name === 'contacts')!;

function wrapper({ children }: { children: ReactNode }) {
  return (
    <B24Provider client={sandbox.client} frame={frame} info={testInitInfo('DEFAULT')}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
}

async function openDetail(resource: Resource, id: string) {
  queryClient = createQueryClient({ retry: false });
  const onClose = vi.fn();
  const onDeleted = vi.fn();
  const view = await renderWithProviders(
    <RecordDetail resource={resource} id={id} onClose={onClose} onDeleted={onDeleted} />,
    { queryClient, wrapper },
  );
  return { ...view, onClose, onDeleted };
}

async function item(entityTypeId: number, id: string | number): Promise<Record<string, unknown>> {
  return ((await t.hook('crm.item.get', { entityTypeId, id })).body.result as { item: Record<string, unknown> }).item;
}

async function newDeal(fields: Record<string, unknown>): Promise<string> {
  const res = await t.hook('crm.item.add', { entityTypeId: 2, fields });
  return String((res.body.result as { item: { id: number } }).item.id);
}

// Role queries walk the accessibility tree of the whole (large) form: labels and texts are found far faster.
const input = (name: string) => screen.getByLabelText(name, { selector: 'input, textarea' }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
const button = (name: string, root: HTMLElement = document.body) =>
  within(root).getByText(name, { selector: 'button, button *' }).closest('button')!;
const findButton = async (name: string) =>
  (await screen.findByText(name, { selector: 'button, button *' })).closest('button')!;
/** The notice under the heading (role status), once it says `text`. */
const findNotice = async (text: string | RegExp) =>
  (await screen.findByText(text)).closest<HTMLElement>('[role="status"]')!;
/** The form, once it is on screen. */
const findForm = (name: string) =>
  waitFor(() => {
    const form = document.querySelector<HTMLFormElement>(`form[aria-label="${name}"]`);
    expect(form).toBeTruthy();
    return form!;
  });
const findDialog = () =>
  waitFor(() => {
    const dialog = document.querySelector<HTMLElement>('[role="alertdialog"]');
    expect(dialog).toBeTruthy();
    return dialog!;
  });

// A whole record form re-renders on each change; under happy-dom that takes longer than the default second.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await sandbox.clearLog();
});
afterEach(async () => {
  await waitFor(() => expect(queryClient.isFetching() + queryClient.isMutating()).toBe(0));
  cleanup();
});

describe('RecordDetail', () => {
  it('shows a deal’s fields read-only, grouped, its custom fields and its company and contacts', async () => {
    const deal = await item(2, 4);
    const company = await item(4, deal.companyId as number);
    await openDetail(deals, '4');
    expect(await screen.findByRole('heading', { level: 2, name: String(deal.title) })).toBeTruthy();
    const main = screen.getByLabelText('Main');
    expect(main.textContent).toContain('Amount');
    const custom = screen.getByLabelText('Custom fields');
    // The XSS probe of the demo seed is text, not markup.
    expect(custom.textContent).toContain('<b onmouseover=alert(1)>x</b>');
    expect(custom.querySelector('b')).toBeNull();
    const related = await screen.findByRole('region', { name: 'Related records' });
    const link = await within(related).findByRole('button', { name: String(company.title) });
    fireEvent.click(link);
    expect(frame.openPath).toHaveBeenCalledWith(`/crm/company/details/${company.id}/`);
  });

  it('edits title, amount and a custom field; sends only those; offers Undo, which writes the old values back', async () => {
    const id = await newDeal({ title: 'Edit me', opportunity: 100, currencyId: 'DKK', ufCrm_PROJECT_CODE: 'PRJ-1' });
    await openDetail(deals, id);
    fireEvent.click(await findButton('Edit'));
    await findForm('Edit');
    type('Name', 'Edited deal');
    type('Amount', '2 500,50');
    type('Project code', 'PRJ-2');
    await sandbox.clearLog();
    fireEvent.click(button('Save'));

    const notice = await findNotice('Saved: Name, Amount, Project code');
    expect(notice).toBeTruthy();
    // The version check, then one update; nothing else touches the record.
    const writes = requests(await sandbox.log()).filter((r) => /crm\.item\.(get|update)/.test(r));
    expect(writes).toEqual(['crm.item.get', 'crm.item.update']);
    expect(await item(2, id)).toMatchObject({ title: 'Edited deal', opportunity: 2500.5, ufCrm_PROJECT_CODE: 'PRJ-2' });

    fireEvent.click(button('Undo', notice));
    expect(await findNotice('Your changes were undone.')).toBeTruthy();
    expect(await item(2, id)).toMatchObject({ title: 'Edit me', opportunity: 100, ufCrm_PROJECT_CODE: 'PRJ-1' });
  });

  it('checks the values before sending, with the message under the field', async () => {
    const id = await newDeal({ title: 'Check me' });
    await openDetail(deals, id);
    fireEvent.click(await findButton('Edit'));
    await findForm('Edit');
    type('Amount', 'a lot');
    type('Name', '');
    await sandbox.clearLog();
    fireEvent.click(button('Save'));
    expect((await screen.findByText(/Some fields need your attention/)).closest('[role="alert"]')).toBeTruthy();
    expect(input('Amount').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter a number, like 1500 or 1500.50.')).toBeTruthy();
    // Nothing was written (the form may still be reading its dictionaries).
    expect(requests(await sandbox.log()).filter((r) => /crm\.item\.(get|update)/.test(r))).toEqual([]);
  });

  it('shows a conflict with the portal’s edit, and keeps mine when asked', async () => {
    const id = await newDeal({ title: 'Contested', opportunity: 1000, currencyId: 'DKK' });
    await openDetail(deals, id);
    fireEvent.click(await findButton('Edit'));
    await findForm('Edit');
    type('Amount', '1500');
    await t.hook('crm.item.update', { entityTypeId: 2, id, fields: { opportunity: 2000 } });
    fireEvent.click(button('Save'));

    const panel = await findDialog();
    const titleId = panel.getAttribute('aria-labelledby')!;
    expect(document.getElementById(titleId)?.textContent).toBe(
      'This record changed in the portal while you were editing',
    );
    const row = within(panel).getByText('Amount', { selector: 'th' }).closest('tr')!;
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
    const money = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'DKK' }).format(n);
    expect(cells).toEqual([money(1500), money(2000), money(1000)]);
    expect((await item(2, id)).opportunity).toBe(2000);

    fireEvent.click(button('Keep mine', panel));
    expect(await findNotice('Saved: Amount')).toBeTruthy();
    expect((await item(2, id)).opportunity).toBe(1500);
  });

  it('takes the portal’s value of a conflicting field and still saves the other edits', async () => {
    const id = await newDeal({ title: 'Both edited', opportunity: 10 });
    await openDetail(deals, id);
    fireEvent.click(await findButton('Edit'));
    await findForm('Edit');
    type('Amount', '20');
    type('Name', 'Both edited (mine)');
    await t.hook('crm.item.update', { entityTypeId: 2, id, fields: { opportunity: 30 } });
    fireEvent.click(button('Save'));
    const panel = await findDialog();
    fireEvent.click(button('Take the portal’s', panel));
    expect(await findNotice('Saved: Name')).toBeTruthy();
    expect(await item(2, id)).toMatchObject({ opportunity: 30, title: 'Both edited (mine)' });
  });

  it('maps the portal’s refusal to the field it names', async () => {
    const id = await newDeal({ title: 'Refused' });
    await openDetail(deals, id);
    fireEvent.click(await findButton('Edit'));
    await findForm('Edit');
    type('Project code', 'PRJ-BAD');
    await sandbox.force(
      400,
      { error: 'CRM_FIELD_ERROR_VALUE_NOT_VALID', error_description: 'Incorrect value for field "Project code"' },
      'crm.item.update',
    );
    fireEvent.click(button('Save'));
    expect((await screen.findByText('The portal did not save the record.')).closest('[role="alert"]')).toBeTruthy();
    expect(screen.getByText('Incorrect value for field "Project code"')).toBeTruthy();
    expect(input('Project code').getAttribute('aria-invalid')).toBe('true');
  });

  it('deletes after a confirmation that says the portal cannot restore it', async () => {
    const id = await newDeal({ title: 'Delete me' });
    const { onDeleted } = await openDetail(deals, id);
    fireEvent.click(await findButton('Delete'));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete “Delete me”?' });
    expect(confirm.textContent).toContain('The portal cannot restore a deleted record');
    fireEvent.click(button('Delete permanently', confirm));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect((await t.hook('crm.item.get', { entityTypeId: 2, id })).body.error).toBe('NOT_FOUND');
  });

  it('edits a contact’s phones and e-mails', async () => {
    const res = await t.hook('crm.item.add', {
      entityTypeId: 3,
      fields: { name: 'Mia', lastName: 'Phones', fm: [{ typeId: 'PHONE', valueType: 'WORK', value: '+45 1111 2222' }] },
    });
    const id = String((res.body.result as { item: { id: number } }).item.id);
    await openDetail(contacts, id);
    fireEvent.click(await findButton('Edit'));
    await findForm('Edit');
    fireEvent.click(button('Add e-mail'));
    type('E-mail 2', 'mia@');
    fireEvent.click(button('Save'));
    expect(await screen.findByText('Enter an e-mail address, like anna@example.com.')).toBeTruthy();
    type('E-mail 2', 'mia@example.com');
    fireEvent.click(screen.getByLabelText('Remove: Phone 1'));
    fireEvent.click(button('Save'));
    await findNotice(/^Saved/);
    const fm = (await item(3, id)).fm as { typeId: string; value: string }[];
    expect(fm.map((v) => [v.typeId, v.value])).toEqual([['EMAIL', 'mia@example.com']]);
  });
});

describe('RecordCreate', () => {
  it('creates a deal from the fields filled in', async () => {
    queryClient = createQueryClient({ retry: false });
    const onCreated = vi.fn();
    await renderWithProviders(<RecordCreate resource={deals} onCreated={onCreated} onCancel={() => undefined} />, {
      queryClient,
      wrapper,
    });
    await findForm('New record');
    type('Name', 'Created in a test');
    type('Amount', '750');
    type('Project code', 'PRJ-NEW');
    fireEvent.click(button('Create'));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    const id = onCreated.mock.calls[0]![0] as string;
    expect(await item(2, id)).toMatchObject({
      title: 'Created in a test',
      opportunity: 750,
      ufCrm_PROJECT_CODE: 'PRJ-NEW',
    });
  });
});
