import { useCallback } from 'react';
import { useFrame } from '../../b24/index.ts';

/**
 * The portal's own user dialog (selectUser / selectUsers through the frame) as the UserPicker's
 * `onPortalDialog`: resolves with the picked ids, or null when nothing was picked.
 */
export function usePortalUserDialog(multiple: boolean): () => Promise<string[] | null> {
  const frame = useFrame();
  return useCallback(async () => {
    if (multiple) {
      const users = await frame.selectUsers();
      return users.length ? users.map((u) => u.id) : null;
    }
    const user = await frame.selectUser();
    return user ? [user.id] : null;
  }, [frame, multiple]);
}
