// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which does not know the sandbox's self-signed CA.
import type { ReactElement, ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Provider, type Frame } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../data/index.ts';
import { sandboxClient } from '../../data/testing/sandbox-client.ts';
import {
  cleanup,
  configure,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../ui/test-utils.tsx';
import GroupsSection from './groups-section.tsx';
import PeopleSection from './people-section.tsx';

// The sections over a demo portal (Nordlys ApS: 6 departments, 12 users, 5 workgroups), as the
// workspace will show them; checks on screen and in what the portal stored.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let frame: Frame;

function open(ui: ReactElement, isAdmin = true) {
  const queryClient = createTestQueryClient();
  const info = testInitInfo('DEFAULT', { isAdmin });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(ui, { queryClient, wrapper });
}

const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

// Mantine's autosizing textarea listens to document.fonts, which happy-dom does not have.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} } });

// Each screen reads the portal over HTTPS through the SDK: give the awaited reads more than the default second.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(() => {
  frame = fakeFrame();
});
afterEach(cleanup);

describe('People', () => {
  it('shows the structure as a tree with heads; a department lists its employees, head first', async () => {
    await open(<PeopleSection />);
    const tree = await screen.findByRole('tree', { name: 'Company structure' });
    const root = within(tree).getAllByRole('treeitem')[0]!;
    expect(root.textContent).toContain('Nordlys ApS');
    await waitFor(() => expect(root.textContent).toContain('Head: Anna Holm'));
    const sales = within(tree)
      .getAllByRole('treeitem')
      .find((item) => item.dataset.value === '2')!;
    await waitFor(() => expect(sales.textContent).toContain('Head: Sofie Lindqvist'));

    fireEvent.click(within(sales).getByText('Sales'));
    const list = await screen.findByRole('heading', { name: 'Employees of Sales' });
    const people = list.parentElement!;
    await waitFor(() => expect(within(people).getAllByRole('listitem')).toHaveLength(2));
    expect(
      within(people)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Sofie Lindqvist'), expect.stringContaining('Jonas Dahl')]);

    // Collapsing the company hides its departments.
    expect(root.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(within(root).getByRole('button', { name: 'Collapse Nordlys ApS' }));
    expect(root.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(within(root).getByRole('button', { name: 'Expand Nordlys ApS' }));
    expect(root.getAttribute('aria-expanded')).toBe('true');
  });

  it('finds an employee, shows the card with contacts and notifies them', async () => {
    await open(<PeopleSection />);
    const search = screen.getByRole('combobox', { name: 'Find an employee' });
    fireEvent.focus(search);
    type(search, 'freja');
    fireEvent.click(await screen.findByRole('option', { name: /Freja Mortensen/ }));

    const card = await screen.findByRole('region', { name: 'Freja Mortensen' });
    await within(card).findByText('freja.mortensen@example.com');
    expect(card.textContent).toContain('Support lead');
    expect(card.textContent).toContain('Head of Support');
    expect(within(card).getByRole('link', { name: '+45 55510007' }).getAttribute('href')).toBe('tel:+4555510007');

    fireEvent.click(within(card).getByRole('button', { name: 'Notify' }));
    const dialog = await screen.findByRole('dialog', { name: 'Notify Freja Mortensen' });
    fireEvent.click(within(dialog).getByRole('radio', { name: 'From Kontor' }));
    type(within(dialog).getByRole('textbox', { name: /Message/ }), 'Please check ticket <b>42</b>');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send notification' }));
    await within(card).findByText('Notification sent to Freja Mortensen.');

    const stored = t.sandbox.env.db
      .prepare("SELECT user_id, type, message FROM notifications WHERE message LIKE 'Please check%'")
      .all();
    expect(stored).toEqual([{ user_id: 7, type: 'system', message: 'Please check ticket <b>42</b>' }]);
  });

  it('posts to the activity stream for a department and a user', async () => {
    await open(<PeopleSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Post to activity stream' }));
    const dialog = await screen.findByRole('dialog', { name: 'Post to activity stream' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await within(dialog).findByText('Write the text of the post.');
    expect(within(dialog).getByRole('alert').textContent).toContain('Choose who sees the post');

    type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Support hours');
    type(within(dialog).getByRole('textbox', { name: /Text/ }), 'From Monday we answer until 18:00.');
    const departments = within(dialog).getByRole('combobox', { name: /Departments/ });
    fireEvent.click(departments);
    fireEvent.click(await screen.findByRole('option', { name: /Support/ }));
    const employees = within(dialog).getByRole('combobox', { name: 'Employees' });
    fireEvent.focus(employees);
    type(employees, 'mikkel');
    fireEvent.click(await screen.findByRole('option', { name: /Mikkel Sørensen/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await screen.findByText('Posted to the activity stream.');

    const posts = (await t.hook('log.blogpost.get', {})).body.result as Record<string, unknown>[];
    expect(posts[0]).toMatchObject({
      TITLE: 'Support hours',
      DETAIL_TEXT: 'From Monday we answer until 18:00.',
      DEST: ['U2', 'DR4'],
    });
  });
});

describe('Workgroups', () => {
  it('searches workgroups and opens one with its members, tasks and calendar', async () => {
    await open(<GroupsSection />);
    await screen.findByRole('button', { name: 'Website relaunch' });
    type(screen.getByRole('searchbox', { name: 'Find a workgroup' }), 'handbook');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Website relaunch' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Support handbook' }));

    await screen.findByRole('heading', { name: 'Support handbook' });
    const members = await screen.findByRole('table', { name: 'Members' });
    await waitFor(() => expect(members.textContent).toContain('Freja Mortensen'));
    const rows = within(members)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      expect.stringMatching(/Freja Mortensen.*Owner/),
      expect.stringMatching(/Emil Nyberg.*Moderator/),
      expect.stringMatching(/Sofie Lindqvist.*Member/),
      expect.stringMatching(/Clara Vermeulen.*Member/),
    ]);

    fireEvent.click(screen.getByRole('tab', { name: 'Tasks' }));
    const listed = (await t.hook('tasks.task.list', { filter: { GROUP_ID: 3 }, select: ['ID', 'TITLE'] })).body
      .result as { tasks: { title: string }[] };
    if (listed.tasks.length > 0) {
      const tasks = await screen.findByRole('table', { name: 'Tasks' });
      expect(within(tasks).getAllByRole('row')).toHaveLength(listed.tasks.length + 1);
    } else await screen.findByText('No tasks in this workgroup.');

    fireEvent.click(screen.getByRole('tab', { name: 'Calendar' }));
    await screen.findByText(/No events in the next 60 days|Upcoming events/);
  });

  it('lets an administrator create a workgroup and opens it', async () => {
    await open(<GroupsSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'New workgroup' }));
    const dialog = await screen.findByRole('dialog', { name: 'New workgroup' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workgroup' }));
    await within(dialog).findByText('Give the workgroup a name.');
    type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Trade fair 2027');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /project/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workgroup' }));

    await screen.findByRole('heading', { name: 'Trade fair 2027' });
    const stored = (await t.hook('sonet_group.get', { FILTER: { NAME: 'Trade fair 2027' } })).body.result as Record<
      string,
      unknown
    >[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ PROJECT: 'Y', OWNER_ID: '1', VISIBLE: 'Y', OPENED: 'N' });
    const members = await screen.findByRole('table', { name: 'Members' });
    await waitFor(() => expect(members.textContent).toMatch(/Anna Holm.*Owner/));
  });

  it('explains to other users why they cannot create one here', async () => {
    await open(<GroupsSection />, false);
    await screen.findByText(/Only Bitrix24 administrators can create workgroups/);
    expect(screen.queryByRole('button', { name: 'New workgroup' })).toBeNull();
  });
});
