import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

interface ModalProps {
  /** The dialog's accessible name, e.g. "New session". */
  label: string;
  onClose(): void;
  /** Gets the focus when the dialog opens; else the first focusable element does. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** `wide` for forms with rows (projects, settings); `normal` fits one column of short fields. */
  size?: 'normal' | 'medium' | 'wide';
  children: ReactNode;
}

const focusable =
  'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A real modal on the native <dialog>: the rest of the page is inert while it is open, Esc
 * closes it, and Tab cycles inside it.
 */
export function Modal({ label, onClose, initialFocus, size = 'normal', children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnFocus =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onCancel = (event: Event): void => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (returnFocus?.isConnected) returnFocus.focus();
    };
  }, [initialFocus]);

  const trapTab = (event: React.KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(focusable)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog ref={ref} className="modal" data-size={size} aria-label={label} onKeyDown={trapTab}>
      {children}
    </dialog>
  );
}
