import { useState } from 'react';
import { NewSessionDialog } from './NewSessionDialog';

/** The "New session" button and the dialog it opens. */
export function NewSessionButton({ className = 'button primary' }: { className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>
        New session
      </button>
      {open && <NewSessionDialog onClose={() => setOpen(false)} />}
    </>
  );
}
