/** Line icons for the Changes panel (see components/lineIcon.ts). */
import { lineIconProps as common } from '../../components/lineIcon';

export function TreeIcon() {
  return (
    <svg {...common}>
      <path d="M2.5 3h5M5 6.5h6.5M5 10h6.5M5 13.5h6.5M3.5 3v10.5h1.5M3.5 6.5H5M3.5 10H5" />
    </svg>
  );
}

export function ListIcon() {
  return (
    <svg {...common}>
      <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />
    </svg>
  );
}

export function SplitIcon() {
  return (
    <svg {...common}>
      <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" />
      <path d="M8 2.75v10.5" />
    </svg>
  );
}

export function InlineIcon() {
  return (
    <svg {...common}>
      <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" />
      <path d="M4.5 6h7M4.5 10h7" />
    </svg>
  );
}

export function ChevronIcon({ open }: { open: boolean }) {
  return (
    <svg {...common} width={12} height={12} className="chevron" data-open={open}>
      <path d="m6 4 4 4-4 4" />
    </svg>
  );
}

export function ArrowIcon({ direction }: { direction: 'up' | 'down' }) {
  return (
    <svg {...common}>
      <path d={direction === 'down' ? 'M8 3v10M4 9l4 4 4-4' : 'M8 13V3M4 7l4-4 4 4'} />
    </svg>
  );
}

/** A file with an arrow: next or previous file. */
export function FileStepIcon({ direction }: { direction: 'up' | 'down' }) {
  return (
    <svg {...common}>
      <path d="M3 1.75h5l3 3V8" />
      <path d="M3 1.75v12.5h4" />
      <path
        d={
          direction === 'down'
            ? 'M12 9.5v5M9.75 12.25 12 14.5l2.25-2.25'
            : 'M12 14.5v-5M9.75 11.75 12 9.5l2.25 2.25'
        }
      />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...common}>
      <path d="m4 4 8 8M12 4l-8 8" />
    </svg>
  );
}

export function CommentIcon() {
  return (
    <svg {...common} width={12} height={12}>
      <path d="M2.5 3.5h11v7.5h-6l-3 2.5V11h-2z" />
    </svg>
  );
}
