import { FileIcon, ImageIcon } from './icons';
import { formatBytes } from './toolText';

/** A file attached to a message: its name and size, and × to remove it before sending. */
export function AttachmentChip({
  name,
  bytes,
  image,
  onRemove,
}: {
  name: string;
  bytes: number;
  image: boolean;
  onRemove?: () => void;
}) {
  return (
    <span className="chip" title={`${name} · ${formatBytes(bytes)}`}>
      {image ? <ImageIcon /> : <FileIcon />}
      <span className="chip-name">{name}</span>
      <span className="chip-size">{formatBytes(bytes)}</span>
      {onRemove && (
        <button
          type="button"
          className="chip-remove"
          aria-label={`Remove ${name}`}
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </span>
  );
}
