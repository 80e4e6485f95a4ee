import { Modal } from '../../components/Modal';
import { EnginesSection } from '../engine/EnginesSection';
import { GitHostsSection } from './GitHostsSection';
import { GitIdentitySection } from './GitIdentitySection';
import { ModelsSection } from './ModelsSection';
import { useSettings } from './useSettings';

/**
 * The models the agent runs on, the engines sessions run on, who commits in the sandboxes, and
 * the git hosts Berth pushes to with the user's tokens.
 */
export function SettingsDialog({
  section,
  onClose,
}: {
  /** Opens scrolled to this section, e.g. from an engine's line in the sidebar. */
  section?: 'engines';
  onClose(): void;
}) {
  const { settings, set } = useSettings();
  return (
    <Modal label="Settings" onClose={onClose} size="wide">
      <div className="dialog-body settings">
        <h2 className="dialog-title">Settings</h2>
        <ModelsSection />
        <EnginesSection inSight={section === 'engines'} />
        {settings === null ? (
          <p className="muted">Loading settings…</p>
        ) : (
          <>
            <GitIdentitySection identity={settings.gitIdentity} onSaved={set} />
            <GitHostsSection
              hosts={settings.gitHosts}
              credentialStore={settings.credentialStore}
              onSaved={set}
            />
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
