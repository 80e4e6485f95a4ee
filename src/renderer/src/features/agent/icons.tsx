/** Small line icons for the chat (see components/lineIcon.ts). */
import { lineIconProps as common } from '../../components/lineIcon';

export function PaperclipIcon() {
  return (
    <svg {...common}>
      <path d="M13.5 7.5 8 13a3.5 3.5 0 0 1-5-5l6-6a2.3 2.3 0 0 1 3.3 3.3l-6 6a1.2 1.2 0 0 1-1.7-1.7L10 4" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg {...common} width={12} height={12}>
      <path d="M4 1.5h5l3.5 3.5v9.5h-8.5z M9 1.5V5h3.5" />
    </svg>
  );
}

export function ImageIcon() {
  return (
    <svg {...common} width={12} height={12}>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <circle cx="5.5" cy="6" r="1.2" />
      <path d="m2 12 4-4 3 3 2-2 3.5 3.5" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg {...common}>
      <path d="M6 4v8M10 4v8" />
    </svg>
  );
}
