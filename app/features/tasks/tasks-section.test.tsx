// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true, "disableStrictSSL": true}}}
// Under a DOM, axios sends through happy-dom's XHR, which does not know the sandbox's self-signed CA.
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Provider, type Frame } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { DataProvider } from '../../data/index.ts';
import { sandboxClient } from '../../data/testing/sandbox-client.ts';
import {
  cleanup,
  createTestQueryClient,
  fireEvent,
  renderWithProviders,
  screen,
  waitFor,
  within,
} from '../../ui/test-utils.tsx';
import TasksSection from './tasks-section.tsx';

// The workspace's task section in happy-dom against a sandbox portal (demo seed): list, filters, kanban,
// detail, create, complete, comments. Results are checked over REST.
let t: TestSandbox;
let sandbox: ReturnType<typeof sandboxClient>;
let frame: Frame;

const info = testInitInfo('DEFAULT');

function open() {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={sandbox.client} frame={frame} info={info}>
      <DataProvider client={sandbox.client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<TasksSection />, { queryClient, wrapper });
}

const hook = async <R,>(method: string, params: Record<string, unknown>) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};
const newTask = async (fields: Record<string, unknown>) =>
  String(
    (await hook<{ task: { id: string } }>('tasks.task.add', { fields: { RESPONSIBLE_ID: 1, ...fields } })).task.id,
  );
const portalTask = async (id: string) =>
  (await hook<{ task: Record<string, unknown> }>('tasks.task.get', { taskId: id, select: ['*', 'UF_CRM_TASK'] })).task;

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = sandboxClient(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  frame = fakeFrame();
  await sandbox.clearLog();
  // happy-dom lays nothing out: give elements a size, so the virtualised list renders the rows in view.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(560);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Opens a task from the list by its title. */
async function openFromList(title: string) {
  const table = await screen.findByRole('table', { name: 'Tasks' }, { timeout: 5000 });
  fireEvent.click(await within(table).findByRole('button', { name: title }, { timeout: 5000 }));
  return screen.findByRole('heading', { level: 2, name: title });
}

describe('TasksSection', () => {
  it('lists my tasks, newest first, and narrows them by title', async () => {
    const mine = await newTask({ TITLE: 'Section list newest' });
    await newTask({ TITLE: 'Section list someone else', RESPONSIBLE_ID: 3 });
    await open();
    const table = await screen.findByRole('table', { name: 'Tasks' }, { timeout: 5000 });
    const first = await waitFor(() => {
      const row = table.querySelector('[role="rowgroup"] [role="row"]');
      if (!row) throw new Error('no rows yet');
      return row;
    });
    expect(first.getAttribute('data-task-id')).toBe(mine);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Section list' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Tasks: 1'), { timeout: 5000 });
    expect(within(table).queryByText('Section list someone else')).toBeNull();
  });

  it('creates a task with a CRM binding and a checklist, then shows it', async () => {
    const deal = await hook<{ item: { id: number } }>('crm.item.add', {
      entityTypeId: 2,
      fields: { title: 'Greenhouse deal' },
    });
    vi.mocked(frame.selectCrm).mockResolvedValue([{ id: `D_${deal.item.id}`, type: 'deal', title: 'Greenhouse deal' }]);
    await open();
    fireEvent.click(await screen.findByRole('button', { name: 'New task' }));
    const form = await screen.findByRole('form', { name: 'New task' });
    fireEvent.change(within(form).getByLabelText(/^Title/), { target: { value: 'Order the glass' } });
    fireEvent.change(within(form).getByLabelText('Description'), {
      target: { value: 'Measure [b]twice[/b] [url=javascript:alert(1)]here[/url]' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Pick a CRM item in Bitrix24' }));
    expect(await within(form).findByText('Greenhouse deal', {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Add checklist item' }));
    fireEvent.change(within(form).getByLabelText('Checklist item 1'), { target: { value: 'Measure the frame' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create task' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Order the glass' }, { timeout: 5000 })).toBeTruthy();
    const description = screen.getByRole('region', { name: 'Description' });
    expect(description.querySelector('strong')?.textContent).toBe('twice');
    expect(description.querySelector('a')).toBeNull();
    expect(await screen.findByRole('checkbox', { name: 'Measure the frame' })).toBeTruthy();

    const list = (await hook<{ tasks: { id: string }[] }>('tasks.task.list', { filter: { TITLE: 'Order the glass' } }))
      .tasks;
    expect(list).toHaveLength(1);
    const saved = await portalTask(list[0]!.id);
    expect(saved).toMatchObject({ responsibleId: '1', ufCrmTask: [`D_${deal.item.id}`] });
  });

  it('refuses to save without a title', async () => {
    await open();
    fireEvent.click(await screen.findByRole('button', { name: 'New task' }));
    const form = await screen.findByRole('form', { name: 'New task' });
    await sandbox.clearLog();
    fireEvent.click(within(form).getByRole('button', { name: 'Create task' }));
    expect(await within(form).findByText('Enter a title')).toBeTruthy();
    expect((await sandbox.log()).map((e) => e.method)).not.toContain('tasks.task.add');
  });

  it('completes a task from its detail, adds a comment, and renews it', async () => {
    const id = await newTask({ TITLE: 'Detail complete me' });
    await open();
    await openFromList('Detail complete me');
    fireEvent.click(screen.getByRole('button', { name: 'Complete' }));
    expect(await screen.findByRole('button', { name: 'Resume' }, { timeout: 5000 })).toBeTruthy();
    await waitFor(async () => expect((await portalTask(id)).status).toBe('5'), { timeout: 5000 });

    const comments = screen.getByRole('region', { name: 'Comments' });
    fireEvent.change(within(comments).getByLabelText(/New comment/), {
      target: { value: 'Done [i]at last[/i] <script>alert(1)</script>' },
    });
    fireEvent.click(within(comments).getByRole('button', { name: 'Add comment' }));
    expect(await within(comments).findByText('at last', {}, { timeout: 5000 })).toBeTruthy();
    expect(comments.querySelector('script')).toBeNull();
    expect(comments.textContent).toContain('<script>alert(1)</script>');
    const stored = await hook<{ POST_MESSAGE: string }[]>('task.commentitem.getlist', { 0: id });
    expect(stored.map((c) => c.POST_MESSAGE)).toEqual(['Done [i]at last[/i] <script>alert(1)</script>']);

    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByRole('button', { name: 'Start' }, { timeout: 5000 })).toBeTruthy();
    await waitFor(async () => expect((await portalTask(id)).status).toBe('2'), { timeout: 5000 });
  });

  it('moves a card on the kanban with the task’s own action, and puts it back when the portal refuses', async () => {
    const id = await newTask({ TITLE: 'Kanban mover' });
    await open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Kanban' }));
    const board = await screen.findByRole('group', { name: 'Task board' }, { timeout: 5000 });
    const card = await within(board).findByRole('article', { name: 'Kanban mover' }, { timeout: 5000 });
    fireEvent.click(within(card).getByRole('button', { name: 'Move “Kanban mover” to another column' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'In progress' }));
    const column = (name: string) => within(board).getByRole('region', { name });
    await waitFor(() =>
      expect(within(column('In progress')).queryByRole('article', { name: 'Kanban mover' })).toBeTruthy(),
    );
    await waitFor(async () => expect((await portalTask(id)).status).toBe('3'), { timeout: 5000 });

    await sandbox.force(400, { error: 'ERROR_CORE', error_description: 'Action failed<br>' }, 'tasks.task.defer');
    const moved = within(column('In progress')).getByRole('article', { name: 'Kanban mover' });
    fireEvent.click(within(moved).getByRole('button', { name: 'Move “Kanban mover” to another column' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Deferred' }));
    expect(await screen.findByText('The task was not moved', {}, { timeout: 5000 })).toBeTruthy();
    await waitFor(() =>
      expect(within(column('In progress')).queryByRole('article', { name: 'Kanban mover' })).toBeTruthy(),
    );
    expect((await portalTask(id)).status).toBe('3');
  });
});
