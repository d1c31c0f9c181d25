import { Anchor } from '@mantine/core';
import { useFrame } from '../b24/react.tsx';
import { userCardPath } from './crm-path.ts';

/** A user by name (text, never HTML); the employee card opens in a portal slider (an accepted openPath target). */
export function UserLink({ id, text }: { id: string; text: string }) {
  const frame = useFrame();
  return (
    <Anchor
      component="button"
      type="button"
      ta="left"
      onClick={() => void frame.openPath(userCardPath(id)).catch(() => undefined)}
    >
      {text}
    </Anchor>
  );
}
