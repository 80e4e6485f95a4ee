import { useState } from 'react';
import { SettingsDialog } from './SettingsDialog';

/** The "Settings" button at the bottom of the sidebar and the dialog it opens. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button settings-button" onClick={() => setOpen(true)}>
        <span className="gear" aria-hidden="true">
          ⚙
        </span>
        Settings
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
