import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { B24Client } from '../../b24/client.ts';
import { useB24Client } from '../../b24/react.tsx';
import { platformKeys } from './keys.ts';
import { manifest } from './manifest.ts';

/** An option value as Kontor reads it: `''` and `null` mean "not set" (options cannot be deleted). */
export type OptionValue = string | number | boolean | null;

function normalise(value: unknown): OptionValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * One app option, or the manifest's default when it is not set (or was cleared by "remove all data").
 * @example const currency = await getAppOption(client, 'kontor.currency'); // 'EUR'
 */
export async function getAppOption(client: B24Client, name: string): Promise<OptionValue> {
  const { result } = await client.call('app.option.get', { option: name });
  return normalise(result) ?? manifest.options[name] ?? null;
}

/** @example queryClient.fetchQuery(appOptionQueryOptions(client, 'kontor.currency')) */
export function appOptionQueryOptions(client: B24Client, name: string) {
  return queryOptions({
    queryKey: platformKeys.appOption(name),
    queryFn: () => getAppOption(client, name),
    staleTime: 5 * 60_000,
  });
}

/**
 * An app option (portal-wide Kontor setting) with its manifest default.
 * @example const { data: currency } = useAppOption('kontor.currency');
 */
export function useAppOption(name: string) {
  const client = useB24Client();
  return useQuery(appOptionQueryOptions(client, name));
}

/**
 * One option of the current user; null when not set.
 * @example await getUserOption(client, 'kontor.lang') // 'de' or null
 */
export async function getUserOption(client: B24Client, name: string): Promise<OptionValue> {
  const { result } = await client.call('user.option.get', { option: name });
  return normalise(result);
}

/**
 * Writes one option of the current user (`''` clears it).
 * @example await setUserOption(client, 'kontor.lang', 'de');
 */
export async function setUserOption(client: B24Client, name: string, value: string): Promise<void> {
  await client.call('user.option.set', { options: { [name]: value } });
}

/** @example queryClient.fetchQuery(userOptionQueryOptions(client, 'kontor.lang')) */
export function userOptionQueryOptions(client: B24Client, name: string) {
  return queryOptions({
    queryKey: platformKeys.userOption(name),
    queryFn: () => getUserOption(client, name),
    staleTime: 5 * 60_000,
  });
}

/**
 * An option of the current user (e.g. `kontor.lang`, the language override).
 * @example const { data: lang } = useUserOption('kontor.lang');
 */
export function useUserOption(name: string) {
  const client = useB24Client();
  return useQuery(userOptionQueryOptions(client, name));
}

/**
 * Saves an option of the current user and updates its cached value.
 * @example useSetUserOption('kontor.lang').mutate('da');
 */
export function useSetUserOption(name: string) {
  const client = useB24Client();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (value: string) => setUserOption(client, name, value),
    onSuccess: (_void, value) => queryClient.setQueryData(platformKeys.userOption(name), value === '' ? null : value),
  });
}
