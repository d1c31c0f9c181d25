import { useState } from 'react';
import { useInitInfo } from '../../b24/react.tsx';
import { appHandlerUrl } from '../../data/platform/index.ts';
import { AdminOnlyNotice } from './admin-only-notice.tsx';
import { InstallFlow } from './install-flow.tsx';

/**
 * INSTALL mode (the portal opens the app's install page until `installFinish`): shows what installing does
 * and runs it. Only admins can bind placements, so a regular user gets an explanation instead.
 */
export default function InstallWizard() {
  const { isAdmin } = useInitInfo();
  // Placements open the main page, whatever page the wizard runs on (index.html or install.html).
  const [handler] = useState(() => appHandlerUrl(window.location.href));
  return isAdmin ? <InstallFlow handler={handler} /> : <AdminOnlyNotice />;
}
