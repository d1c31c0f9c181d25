// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, fireEvent, renderWithProviders, screen, waitFor, within } from './test-utils.tsx';
import { UserPicker, type PickerUser } from './user-picker.tsx';

const PEOPLE: PickerUser[] = [
  { id: '1', fullName: 'Anna Holm', workPosition: 'Managing director', photo: '' },
  { id: '3', fullName: 'Sofie Lindqvist', workPosition: 'Sales manager', photo: '' },
  { id: '4', fullName: 'Jonas Dahl', workPosition: 'Account executive', photo: '' },
  { id: '7', fullName: 'Freja Mortensen', workPosition: 'Support lead', photo: '' },
];

/** A portal in memory: the picker only sees these two functions. */
function directory() {
  return {
    search: vi.fn(async (q: string) =>
      PEOPLE.filter((p) => p.fullName.toLowerCase().includes(q.toLowerCase()) || q === ''),
    ),
    resolve: vi.fn(async (ids: string[]) => PEOPLE.filter((p) => ids.includes(p.id))),
  };
}

// A loaded machine may take longer than a second to render a debounced search's answer.
configure({ asyncUtilTimeout: 5000 });

afterEach(cleanup);

describe('UserPicker', () => {
  it('searches as the user types (debounced) and shows each match with name and position', async () => {
    const d = directory();
    const onChange = vi.fn();
    await renderWithProviders(<UserPicker label="Responsible" value={null} onChange={onChange} search={d.search} />);
    const input = screen.getByRole('combobox', { name: 'Responsible' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'j' } });
    fireEvent.change(input, { target: { value: 'jo' } });
    fireEvent.change(input, { target: { value: 'jon' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    const option = screen.getByRole('option', { name: /Jonas Dahl/ });
    expect(option.textContent).toContain('Account executive');
    // The list opened with a first page (''), then only the text typed last was searched.
    expect(d.search.mock.calls.map((c) => c[0])).toEqual(['', 'jon']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
  });

  it('calls onChange with the chosen id and then shows the name', async () => {
    const d = directory();
    function Host() {
      const [value, setValue] = useState<string | null>(null);
      return (
        <>
          <UserPicker label="Responsible" value={value} onChange={setValue} search={d.search} />
          <output data-testid="value">{String(value)}</output>
        </>
      );
    }
    await renderWithProviders(<Host />);
    const input = screen.getByRole('combobox', { name: 'Responsible' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'sof' } });
    fireEvent.click(await screen.findByRole('option', { name: /Sofie Lindqvist/ }));
    expect(screen.getByTestId('value').textContent).toBe('3');
    expect((input as HTMLInputElement).value).toBe('Sofie Lindqvist');
  });

  it('names preselected ids through resolve, one call for all of them', async () => {
    const d = directory();
    const onChange = vi.fn();
    await renderWithProviders(
      <UserPicker
        multiple
        label="Auditors"
        value={['7', '1']}
        onChange={onChange}
        search={d.search}
        resolve={d.resolve}
      />,
    );
    await screen.findByText('Freja Mortensen');
    screen.getByText('Anna Holm');
    expect(d.resolve).toHaveBeenCalledTimes(1);
    expect(d.resolve).toHaveBeenCalledWith(['7', '1']);
    expect(d.search).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Remove Freja Mortensen' }));
    expect(onChange).toHaveBeenLastCalledWith(['1']);
  });

  it('adds to a multiple choice and marks the chosen options', async () => {
    const d = directory();
    const onChange = vi.fn();
    await renderWithProviders(
      <UserPicker multiple label="Auditors" value={['1']} onChange={onChange} search={d.search} resolve={d.resolve} />,
    );
    const input = screen.getByRole('combobox', { name: 'Auditors' });
    fireEvent.focus(input);
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(4));
    expect(
      within(list)
        .getByRole('option', { name: /Anna Holm/ })
        .getAttribute('aria-selected'),
    ).toBe('true');
    fireEvent.click(within(list).getByRole('option', { name: /Jonas Dahl/ }));
    expect(onChange).toHaveBeenLastCalledWith(['1', '4']);
    // Clicking a chosen user again takes them out.
    fireEvent.click(within(list).getByRole('option', { name: /Anna Holm/ }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('shows portal names as text, never as markup', async () => {
    const evil: PickerUser = { id: '9', fullName: '<img src=x onerror=alert(1)>', workPosition: '<b>x</b>', photo: '' };
    await renderWithProviders(<UserPicker label="Who" value={null} onChange={vi.fn()} search={async () => [evil]} />);
    fireEvent.focus(screen.getByRole('combobox', { name: 'Who' }));
    const option = await screen.findByRole('option');
    expect(option.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(option.querySelector('img[src="x"], b')).toBeNull();
  });

  it('says so when nobody matches or the search fails', async () => {
    const failing = vi.fn(async (q: string) => {
      if (q === 'boom') throw new Error('offline');
      return [];
    });
    await renderWithProviders(<UserPicker label="Who" value={null} onChange={vi.fn()} search={failing} />);
    const input = screen.getByRole('combobox', { name: 'Who' });
    fireEvent.focus(input);
    await screen.findByText('No one found');
    fireEvent.change(input, { target: { value: 'boom' } });
    await screen.findByText(/The search did not work/);
  });

  it("takes the portal dialog's pick and clears a single choice", async () => {
    const d = directory();
    const onChange = vi.fn();
    const dialog = vi.fn(async () => ['4']);
    const { rerender } = await renderWithProviders(
      <UserPicker label="Who" value={null} onChange={onChange} search={d.search} onPortalDialog={dialog} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose in Bitrix24' }));
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith('4'));

    rerender(
      <UserPicker
        label="Who"
        value="4"
        onChange={onChange}
        search={d.search}
        resolve={d.resolve}
        onPortalDialog={dialog}
      />,
    );
    await screen.findByDisplayValue('Jonas Dahl');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });
});
