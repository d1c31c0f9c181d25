import InstallWizard from '../../app/features/install/install-wizard.tsx';

/** INSTALL mode: the wizard binds the placements, stores defaults and calls installFinish. */
export default function InstallHandler() {
  return <InstallWizard />;
}
