import type { CSSProperties } from 'react';
import { stageOf } from '../../../data/query/get-stages.ts';
import { userIdOf } from '../../../data/query/get-users.ts';
import type { Category, RecordData, Stage, UserBrief } from '../../../data/types.ts';
import type { Language } from '../../../i18n/index.ts';
import { formatValue } from '../../../ui/format-value.ts';
import { StageBadge } from '../../../ui/stage-badge.tsx';
import { UserLink } from '../../../ui/user-link.tsx';
import { COMMUNICATION_COLUMNS, type GridColumn } from './columns.ts';

/** What every cell of a render shares: read once per grid render, not per cell. */
export interface CellContext {
  lang: Language;
  stages: readonly Stage[] | undefined;
  pipelines: readonly Category[] | undefined;
  users: Record<string, UserBrief | null>;
  /** A user's name, or "User #7" until (or unless) the portal names them. */
  userName: (id: string) => string;
}

export const ELLIPSIS: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  minWidth: 0,
};

function Plain({ text }: { text: string }) {
  // Portal data is a React text node: markup in a title or a custom field stays text.
  return (
    <span style={ELLIPSIS} title={text || undefined}>
      {text}
    </span>
  );
}

/** Phones or e-mails of a record: `fm` entries of that type (crm.item), else the flat field the portal may add. */
function communications(row: RecordData, name: string, type: string): string {
  const fm = Array.isArray(row.fm) ? (row.fm as { typeId?: unknown; value?: unknown }[]) : [];
  const values = fm.filter((m) => m.typeId === type && typeof m.value === 'string').map((m) => String(m.value));
  if (values.length > 0) return values.join(', ');
  const flat = row[name];
  return typeof flat === 'string' ? flat : '';
}

/**
 * One value of the grid as text (stages as a badge, users by name, pipelines by name), formatted like
 * everywhere else in Kontor (format-value.ts).
 */
export function GridCell({ row, column, ctx }: { row: RecordData; column: GridColumn; ctx: CellContext }) {
  const value = row[column.name];
  const type = COMMUNICATION_COLUMNS[column.name];
  if (type) return <Plain text={communications(row, column.name, type)} />;
  const field = column.field;
  if (column.name === 'stageId') {
    const stage = stageOf(ctx.stages, value);
    if (stage) return <StageBadge name={stage.name} color={stage.color} />;
  }
  if (column.name === 'categoryId') {
    const pipeline = ctx.pipelines?.find((p) => p.id === String(value));
    if (pipeline?.name) return <Plain text={pipeline.name} />;
  }
  if (field?.kind === 'user') {
    if (!field.multiple) {
      const id = userIdOf(value);
      return id ? <UserLink id={id} text={ctx.userName(id)} /> : null;
    }
    const ids = (Array.isArray(value) ? value : [value]).map(userIdOf).filter(Boolean);
    return <Plain text={ids.map(ctx.userName).join(', ')} />;
  }
  const currency = typeof row.currencyId === 'string' ? row.currencyId : undefined;
  return <Plain text={formatValue(value, field, currency ? { lang: ctx.lang, currency } : { lang: ctx.lang })} />;
}
