import { useState } from 'react';
import { SettingsDialog } from '../settings/SettingsDialog';

/** Said instead of an error when the session has no model: what to do, one click away. */
export function NoModelNotice({ hasProviders }: { hasProviders: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="composer-notice" role="note">
      <span>
        {hasProviders
          ? 'This session has no model yet. Pick one below, or add another provider.'
          : 'No model is set up yet. Add a local server or an API key in Settings → Models; your message stays here.'}
      </span>
      <button type="button" className="button small" onClick={() => setOpen(true)}>
        Set up a model
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
