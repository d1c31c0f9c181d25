/** What every placement handler gets: the placement code and its options, straight from the init data. */
export interface PlacementProps {
  placement: string;
  options: Record<string, unknown>;
}
