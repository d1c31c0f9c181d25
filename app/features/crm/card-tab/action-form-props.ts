import type { CardBundle } from '../../../data/providers/card-provider.ts';
import type { ResourceName } from '../../../data/types.ts';

/** What every quick-action form gets: the record, its card, and how to finish. */
export interface ActionFormProps {
  resource: ResourceName;
  id: string;
  card: CardBundle;
  /** The record's name, as the heading shows it. */
  title: string;
  /** The action succeeded: close the form and confirm with this message. */
  onDone: (message: string) => void;
  onCancel: () => void;
}
