import { useStore } from '../store';

/** A thin line across the top while the window has lost its connection to Berth. */
export function ReconnectBanner() {
  const reconnecting = useStore((s) => s.connection === 'reconnecting');
  if (!reconnecting) return null;
  return (
    <div className="reconnect-banner" role="status">
      Reconnecting to Berth…
    </div>
  );
}
