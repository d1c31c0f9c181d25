// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
// The Currency rates screen against a sandbox portal over HTTP with an application token (Kontor's run log
// lives in entity.* storages, which need one): ECB feed → dry run → add a currency → apply, checked over REST.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../sandbox/test-utils.ts';
import { B24Client, B24Provider } from '../../b24/index.ts';
import { fakeFrame, testInitInfo } from '../../b24/testing/fake-frame.ts';
import { createQueryClient, DataProvider } from '../../data/index.ts';
import { tokenCaller } from '../../data/platform/testing/token-caller.ts';
import { EntitySyncStore } from '../../data/sync/entity-store.ts';
import { cleanup, configure, fireEvent, renderWithProviders, screen, within } from '../../ui/test-utils.tsx';
import CurrencySection from './currency-section.tsx';

const FEEDS = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures', 'feeds');
const ecb = readFileSync(join(FEEDS, 'ecb-daily.xml'));

let t: TestSandbox;
let client: B24Client;

const hook = async <R,>(method: string, params: Record<string, unknown> = {}) => {
  const res = await t.hook(method, params);
  if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`);
  return res.body.result as R;
};
const currency = (id: string) => hook<{ AMOUNT: string; AMOUNT_CNT: string } | null>('crm.currency.get', { id });

function open() {
  // The app's QueryClient: a write's `meta.invalidates` refreshes the run log, as in the portal.
  const queryClient = createQueryClient({ retry: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <B24Provider client={client} frame={fakeFrame()} info={testInitInfo('DEFAULT')}>
      <DataProvider client={client} queryClient={queryClient}>
        {children}
      </DataProvider>
    </B24Provider>
  );
  return renderWithProviders(<CurrencySection />, { queryClient, wrapper });
}

/** Chooses a file in the screen's file input, as the browser hands it over. */
function upload(container: HTMLElement, name: string, bytes: Uint8Array | string, type = 'text/xml') {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [new File([bytes as BlobPart], name, { type })] } });
}

const row = (table: HTMLElement, code: string) => table.querySelector<HTMLElement>(`tr[data-currency="${code}"]`)!;

beforeAll(async () => {
  configure({ asyncUtilTimeout: 8_000 });
  t = await startTestSandbox({ seed: 'none' });
  client = new B24Client(tokenCaller(t.sandbox.portalUrl.replace(/\/$/, ''), await t.token(1)));
  // The responsible person is kept in the currency profile (the CLI reads the same one).
  await new EntitySyncStore(client).saveProfile({ name: 'Currency rates', kind: 'currency', responsibleId: '1' });
});
afterAll(async () => t?.close());
afterEach(cleanup);

describe('CurrencySection', () => {
  it('dry-runs an ECB feed in the base currency, adds JPY per 100 and writes it all in one batch', async () => {
    const T0 = Date.now();
    const view = await open();
    expect(await screen.findByText('Base currency: DKK')).toBeTruthy();
    console.log('T open', Date.now() - T0);
    upload(view.container, 'eurofxref-daily.xml', ecb);

    const rates = await screen.findByRole('table', { name: 'Rates: old and new' });
    console.log('T dry', Date.now() - T0);
    // EUR quoted in DKK (7.4603 DKK per euro); USD = 7.4603 / 1.0772; SEK kept per 100 units.
    const eur = within(row(rates, 'EUR')).getAllByRole('cell');
    expect(eur[0]!.textContent).toContain('EUR');
    expect(eur.slice(1).map((c) => c.textContent)).toEqual(['1', '7.4604', '7.4603', '-0.001%', 'Changes']);
    expect(within(row(rates, 'USD')).getAllByRole('cell')[3]!.textContent).toBe('6.9256');
    expect(within(row(rates, 'USD')).getAllByRole('cell')[4]!.textContent).toBe('+7.69%');
    expect(within(row(rates, 'SEK')).getAllByRole('cell')[1]!.textContent).toBe('100');
    expect(within(row(rates, 'SEK')).getAllByRole('cell')[3]!.textContent).toBe('64.2326');
    expect(within(row(rates, 'DKK')).getAllByRole('cell')[5]!.textContent).toBe('Base currency');

    const missing = screen.getByRole('table', { name: 'Currencies the portal does not have' });
    expect(within(row(missing, 'JPY')).getAllByRole('cell')[1]!.textContent).toBe('100');
    expect(within(row(missing, 'JPY')).getAllByRole('cell')[3]!.textContent).toBe('4.4473');
    expect(row(missing, 'CHF')).toBeTruthy();
    expect(screen.getByText('Currencies to write in one batch: 5')).toBeTruthy();
    fireEvent.click(within(missing).getByRole('button', { name: 'Add JPY' }));
    expect(await screen.findByText('Currencies to write in one batch: 6')).toBeTruthy();
    // Nothing written by the dry run.
    expect((await currency('USD'))!.AMOUNT).toBe('6.4312');

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const result = await screen.findByRole('region', { name: 'Result of the run' });
    console.log('T applied', Date.now() - T0);
    expect(await within(result).findByText('Everything was written.')).toBeTruthy();
    const counts = within(result).getByRole('list', { name: 'Counts' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual(['5Updated', '1Added', '0Failed', '0Not written']);
    expect(within(result).getByText('The summary was sent to the responsible person.')).toBeTruthy();

    expect(await currency('USD')).toMatchObject({ AMOUNT: '6.9256', AMOUNT_CNT: '1' });
    expect(await currency('SEK')).toMatchObject({ AMOUNT: '64.2326', AMOUNT_CNT: '100' });
    expect(await currency('JPY')).toMatchObject({ AMOUNT: '4.4473', AMOUNT_CNT: '100' });
    expect((await t.hook('crm.currency.get', { id: 'CHF' })).status).not.toBe(200);
    const bell = await t.app('im.notify.get', { USER_ID: 1 });
    expect(JSON.stringify(bell.body)).toContain('Kontor currency sync');

    // The run is logged in Kontor's storage and listed on the screen.
    const runs = await new EntitySyncStore(client).listRuns({ profile: 'Currency rates' });
    expect(runs[0]).toMatchObject({ kind: 'currency', status: 'done', dryRun: false });
    expect(runs[0]!.counts).toMatchObject({ updated: 5, created: 1, failed: 0 });
    const log = await screen.findByRole('table', { name: 'Run log' });
    expect(await within(log).findByText('Updated: 5 · added: 1 · failed: 0')).toBeTruthy();
  });

  it('refuses a bad CSV feed naming the line, column and value, and writes nothing', async () => {
    const before = await currency('GBP');
    const view = await open();
    await screen.findByText('Base currency: DKK');
    upload(view.container, 'rates.csv', 'currency,rate\nGBP,8.5\nUSD,abc\nSEK,-3\n', 'text/csv');
    const problems = await screen.findByRole('table', { name: 'Problems in the feed' });
    const rows = within(problems).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['3', 'rate', 'abc'],
      ['4', 'rate', '-3'],
    ]);
    expect(within(rows[0]!).getByText('Not a number.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    expect(await currency('GBP')).toEqual(before);
  });

  it('explains a URL the browser may not read (CORS, or nothing listening) and what to do instead', async () => {
    await open();
    await screen.findByText('Base currency: DKK');
    fireEvent.click(screen.getByRole('radio', { name: 'URL' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^Feed URL/ }), {
      target: { value: 'http://127.0.0.1:9/eurofxref-daily.xml' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The browser may not read this address')).toBeTruthy();
    expect(alert.textContent).toContain('Download the file and choose it under "File"');
    expect(screen.queryByRole('table', { name: 'Rates: old and new' })).toBeNull();
  });
});
