import { Badge, ColorSwatch } from '@mantine/core';

/** A pipeline stage: its name as text, its portal colour as a dot (a stage without colour gets none). */
export function StageBadge({ name, color }: { name: string; color?: string }) {
  return (
    <Badge
      variant="default"
      radius="sm"
      tt="none"
      fw={500}
      leftSection={color ? <ColorSwatch color={color} size={10} withShadow={false} aria-hidden /> : null}
      style={{ maxWidth: '100%' }}
    >
      {name}
    </Badge>
  );
}
