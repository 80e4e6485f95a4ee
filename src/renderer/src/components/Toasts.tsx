import { useStore } from '../store';
import type { Toast } from '../store/toastsSlice';

/** Info toasts are announced politely; errors interrupt (role="alert"). */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const info = toasts.filter((t) => t.kind === 'info');
  const errors = toasts.filter((t) => t.kind === 'error');
  return (
    <div className="toasts">
      <div role="status" aria-live="polite" aria-label="Notifications">
        {info.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
      <div role="alert" aria-label="Errors">
        {errors.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore((s) => s.dismissToast);
  return (
    <div className="toast" data-kind={toast.kind}>
      <span className="toast-message">{toast.message}</span>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}
