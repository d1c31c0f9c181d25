import { resourceForPlacement } from '../../app/data/resources/resource-for-placement.ts';
import CardTab from '../../app/features/crm/card-tab/card-tab.tsx';
import type { PlacementProps } from '../placement-props.ts';
import UnknownPlacement from './unknown.tsx';

/** CRM_<X>_DETAIL_TAB / CRM_DYNAMIC_<id>_DETAIL_TAB: the entity type comes from the code, the id from options.ID. */
export default function CrmDetailTab({ placement, options }: PlacementProps) {
  const resource = resourceForPlacement(placement);
  if (!resource || options.ID == null || options.ID === '')
    return <UnknownPlacement placement={placement} options={options} />;
  return <CardTab resource={resource} id={String(options.ID)} />;
}
