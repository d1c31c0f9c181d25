import { Anchor } from '@mantine/core';
import { useFrame } from '../../b24/react.tsx';

/** A user shown by id; the employee card opens in a portal slider (an accepted openPath target). */
export function UserLink({ id, text }: { id: string; text: string }) {
  const frame = useFrame();
  return (
    <Anchor
      component="button"
      type="button"
      onClick={() => void frame.openPath(`/company/personal/user/${id}/`).catch(() => undefined)}
    >
      {text}
    </Anchor>
  );
}
