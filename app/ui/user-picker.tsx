import {
  ActionIcon,
  Avatar,
  Combobox,
  Group,
  InputBase,
  Loader,
  Pill,
  PillsInput,
  ScrollArea,
  Text,
  Tooltip,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconAddressBook from '@tabler/icons-react/icons/IconAddressBook';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import './user-picker-locales.ts';

/** What the picker shows of a user; the data layer's `UserBrief` fits (app/ui does not import app/data). */
export interface PickerUser {
  id: string;
  fullName: string;
  workPosition: string;
  /** Photo URL, or `''`. */
  photo: string;
}

type PickerValue<M extends boolean> = M extends true ? string[] : string | null;

export interface UserPickerProps<M extends boolean = false> {
  /** One user id (or null), or with `multiple` the chosen ids in order. */
  value: PickerValue<M>;
  onChange: (value: PickerValue<M>) => void;
  multiple?: M;
  label?: ReactNode;
  /** The accessible name when there is no visible label. */
  ariaLabel?: string;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  /** Users matching what was typed (`''`: a first page to offer before typing). */
  search: (query: string) => Promise<PickerUser[]>;
  /** Users by id, to name ids chosen before (the value the picker opens with). */
  resolve?: (ids: string[]) => Promise<PickerUser[]>;
  /** Opens the portal's own user dialog; resolves with the picked ids, or null when nothing was picked. */
  onPortalDialog?: () => Promise<string[] | null>;
  /** Milliseconds of quiet typing before a search is sent (default 250). */
  debounceMs?: number;
  /** How many matches the list shows at most (default 20); typing more narrows them. */
  limit?: number;
}

function idsOf(value: string | string[] | null | undefined): string[] {
  if (Array.isArray(value)) return value.filter(Boolean);
  return value ? [value] : [];
}

function UserOption({ user, checked }: { user: PickerUser; checked: boolean }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar src={user.photo || null} name={user.fullName} color="initials" size={28} radius="xl" />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" truncate>
          {user.fullName || `#${user.id}`}
        </Text>
        {user.workPosition ? (
          <Text size="xs" c="dimmed" truncate>
            {user.workPosition}
          </Text>
        ) : null}
      </div>
      {checked ? <IconCheck size={16} stroke={1.75} aria-hidden /> : null}
    </Group>
  );
}

/**
 * The one user picker of Kontor: search-as-you-type over the portal's employees (each option shows the
 * name and position), single or `multiple`, with the portal's own user dialog as an alternative. It is
 * presentational: the data comes in through `search` / `resolve` (the data layer's `useUserSearch()`).
 * Names are portal data and are shown as text.
 * @example
 * const users = useUserSearch();
 * <UserPicker label="Responsible" value={id} onChange={setId} search={users.search} resolve={users.resolve}
 *   onPortalDialog={async () => { const u = await frame.selectUser(); return u ? [u.id] : null; }} />
 */
export function UserPicker<M extends boolean = false>({
  value,
  onChange,
  multiple,
  label,
  ariaLabel,
  description,
  placeholder,
  error,
  required,
  disabled,
  search,
  resolve,
  onPortalDialog,
  debounceMs = 250,
  limit = 20,
}: UserPickerProps<M>) {
  const t = useT('userPicker');
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.updateSelectedOptionIndex('active'),
  });
  const selected = idsOf(value);
  const [known, setKnown] = useState<Record<string, PickerUser>>({});
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState(false);
  const [debounced] = useDebouncedValue(query.trim(), debounceMs);
  const [found, setFound] = useState<{ query: string; users: PickerUser[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const opened = combobox.dropdownOpened;
  const labelId = useId();

  const remember = (users: PickerUser[]) =>
    setKnown((k) => ({ ...k, ...Object.fromEntries(users.map((u) => [u.id, u])) }));

  // Search while the list is open; an answer to an older query is dropped when a newer one is asked.
  const latest = useRef(0);
  useEffect(() => {
    if (!opened) return;
    const ticket = ++latest.current;
    setFailed(false);
    search(debounced).then(
      (users) => {
        if (ticket !== latest.current) return;
        setFound({ query: debounced, users });
        remember(users);
      },
      () => ticket === latest.current && setFailed(true),
    );
  }, [opened, debounced, search]);

  // Name the ids the picker was given (once per id; a failed lookup shows the id).
  const asked = useRef(new Set<string>());
  const missingKey = selected.filter((id) => !known[id] && !asked.current.has(id)).join(',');
  useEffect(() => {
    if (!resolve || !missingKey) return;
    const ids = missingKey.split(',');
    ids.forEach((id) => asked.current.add(id));
    resolve(ids).then(remember, () => undefined);
  }, [missingKey, resolve]);

  const nameOf = (id: string) => known[id]?.fullName || `#${id}`;
  const single = !multiple;
  const singleText = single && selected[0] ? nameOf(selected[0]) : '';

  const emit = (ids: string[]) => onChange((multiple ? ids : (ids[0] ?? null)) as PickerValue<M>);

  const pick = (id: string) => {
    if (multiple) {
      emit(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);
      setQuery('');
    } else {
      emit([id]);
      setTyping(false);
      setQuery('');
      combobox.closeDropdown();
    }
  };

  const openPortalDialog = async () => {
    if (!onPortalDialog) return;
    const ids = await onPortalDialog().catch(() => null);
    if (!ids || ids.length === 0) return;
    emit(multiple ? [...selected, ...ids.filter((id) => !selected.includes(id))] : [ids[0]!]);
  };

  const users = (found?.users ?? []).slice(0, limit);
  const stale = found === null || found.query !== debounced || debounced !== query.trim();
  const options = users.map((u) => (
    <Combobox.Option value={u.id} key={u.id} active={selected.includes(u.id)} aria-selected={selected.includes(u.id)}>
      <UserOption user={u} checked={selected.includes(u.id)} />
    </Combobox.Option>
  ));

  const searching = opened && stale && !failed;
  const clearable = single && !required && !disabled && selected.length > 0;
  const section = [
    searching ? <Loader key="loader" size={14} aria-label={t('searching')} /> : null,
    clearable ? (
      <Combobox.ClearButton
        key="clear"
        aria-label={t('clear')}
        aria-hidden={false}
        tabIndex={0}
        onClear={() => emit([])}
      />
    ) : null,
    onPortalDialog ? (
      <Tooltip key="dialog" label={t('portalDialog')} withinPortal>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('portalDialog')}
          disabled={disabled}
          onClick={() => void openPortalDialog()}
        >
          <IconAddressBook size={18} stroke={1.5} />
        </ActionIcon>
      </Tooltip>
    ) : null,
  ].filter(Boolean);

  const input = {
    label,
    description,
    error,
    required,
    disabled,
    rightSection: section.length ? (
      <Group gap={2} wrap="nowrap">
        {section}
      </Group>
    ) : null,
    rightSectionWidth: section.length > 1 ? section.length * 28 + 4 : undefined,
    rightSectionPointerEvents: 'all' as const,
    labelProps: { id: labelId },
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal>
      {single ? (
        <Combobox.Target withExpandedAttribute>
          <InputBase
            {...input}
            aria-label={ariaLabel}
            placeholder={placeholder ?? t('placeholder')}
            value={typing ? query : singleText}
            onChange={(e) => {
              setTyping(true);
              setQuery(e.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={(e) => {
              // The chosen name is selected, so typing replaces it with a search.
              e.currentTarget.select();
              combobox.openDropdown();
            }}
            onBlur={() => {
              // Emptying the field and leaving it clears the choice; leaving it with other text keeps it.
              if (typing && query.trim() === '' && selected.length > 0 && !required) emit([]);
              setTyping(false);
              setQuery('');
              combobox.closeDropdown();
            }}
          />
        </Combobox.Target>
      ) : (
        <Combobox.DropdownTarget>
          <PillsInput {...input} onClick={() => combobox.openDropdown()}>
            <Pill.Group>
              {selected.map((id) => (
                <Pill
                  key={id}
                  withRemoveButton={!disabled}
                  // Mantine hides the remove button from assistive tech; ours is named and reachable.
                  removeButtonProps={{
                    'aria-label': t('remove', { name: nameOf(id) }),
                    'aria-hidden': false,
                    tabIndex: 0,
                  }}
                  onRemove={() => emit(selected.filter((s) => s !== id))}
                >
                  {nameOf(id)}
                </Pill>
              ))}
              <Combobox.EventsTarget withExpandedAttribute>
                <PillsInput.Field
                  aria-label={ariaLabel}
                  aria-labelledby={label && !ariaLabel ? labelId : undefined}
                  placeholder={selected.length ? undefined : (placeholder ?? t('placeholder'))}
                  value={query}
                  disabled={disabled}
                  onChange={(e) => {
                    setQuery(e.currentTarget.value);
                    combobox.openDropdown();
                    combobox.updateSelectedOptionIndex();
                  }}
                  onFocus={() => combobox.openDropdown()}
                  onBlur={() => {
                    setQuery('');
                    combobox.closeDropdown();
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Backspace' && query === '' && selected.length > 0) {
                      e.preventDefault();
                      emit(selected.slice(0, -1));
                    }
                  }}
                />
              </Combobox.EventsTarget>
            </Pill.Group>
          </PillsInput>
        </Combobox.DropdownTarget>
      )}

      <Combobox.Dropdown>
        <Combobox.Options aria-label={typeof label === 'string' ? label : ariaLabel}>
          <ScrollArea.Autosize mah={280} type="scroll">
            {failed ? (
              <Combobox.Empty>{t('failed')}</Combobox.Empty>
            ) : options.length > 0 ? (
              options
            ) : (
              <Combobox.Empty>{found === null || stale ? t('searching') : t('nothingFound')}</Combobox.Empty>
            )}
          </ScrollArea.Autosize>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
