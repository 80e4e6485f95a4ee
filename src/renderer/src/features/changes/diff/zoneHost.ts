import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import { monaco } from './monacoSetup';

/** Where a zone goes: under a line of one of the two editors. */
export interface ZonePlacement {
  editor: editor.ICodeEditor;
  afterLine: number;
  /** Order among zones under the same line (Monaco's own zones use 10,000). */
  ordinal: number;
  /** Scroll the zone into view once it has its height (a composer that was just opened). */
  reveal?: boolean;
  /** An empty gap as tall as the zone in another editor, to keep the two lined up. */
  gap?: { editor: editor.ICodeEditor; afterLine: number } | null;
}

export interface WantedZone {
  placement: ZonePlacement;
  content: ReactNode;
}

interface Zone {
  key: string;
  placement: ZonePlacement;
  /** The spacer Monaco lays out between lines; Monaco reads its height from here. */
  spacer: editor.IViewZone;
  spacerId: string;
  /** The gap of `placement.gap`, when there is one. */
  gap: editor.IViewZone;
  gapId: string | null;
  overlay: editor.IOverlayWidget;
  /** The overlay widget's node, moved to the spacer's top as Monaco renders. */
  node: HTMLDivElement;
  /** The React root's container, measured for the spacer's height. */
  content: HTMLDivElement;
  root: Root;
  observer: ResizeObserver;
  measured: boolean;
  revealed: boolean;
}

// A first guess for a zone's height until its content is measured (a one-line comment).
const ESTIMATED_HEIGHT = 72;
// Events that stay in a zone: Monaco's mouse and keybinding handlers listen on its ancestors and
// would move the caret, take the focus or run editor commands while the user types a comment.
// The zone's React root sits inside it, so React still sees every one of them first.
const CONTAINED_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'click',
  'dblclick',
  'contextmenu',
  'copy',
  'cut',
  'paste',
] as const;

let zoneCount = 0;

/**
 * React content between the lines of Monaco editors, kept by key: when a zone's line or editor
 * changes it is moved, and its React tree (and whatever is typed in it) is kept.
 *
 * Each zone is Monaco's own ZoneWidget pattern: an empty view zone makes room between the
 * lines, and an overlay widget holding the content follows that zone's top. The content cannot
 * go in the view zone itself: Monaco marks its view-zone layer aria-hidden (comments must be in
 * the accessibility tree) and scrolls it sideways with the text. Each zone is its own React
 * root, so that events inside it never reach Monaco (see CONTAINED_EVENTS).
 */
export class ZoneHost {
  private readonly zones = new Map<string, Zone>();
  private readonly listeners: IDisposable[] = [];

  constructor(private readonly editors: readonly editor.ICodeEditor[]) {
    for (const ed of editors) this.listeners.push(ed.onDidLayoutChange(() => this.fit(ed)));
  }

  /** Shows exactly these zones: adds, moves, re-renders and removes as needed. */
  sync(wanted: ReadonlyMap<string, WantedZone>): void {
    for (const [key, zone] of this.zones) {
      if (!wanted.has(key)) this.remove(zone);
    }
    for (const [key, { placement, content }] of wanted) {
      const zone = this.zones.get(key) ?? this.create(key, placement);
      if (!samePlace(zone.placement, placement)) this.move(zone, placement);
      zone.root.render(content);
    }
    for (const ed of this.editors) this.fit(ed);
  }

  dispose(): void {
    for (const zone of this.zones.values()) this.remove(zone);
    for (const listener of this.listeners) listener.dispose();
  }

  private create(key: string, placement: ZonePlacement): Zone {
    const node = document.createElement('div');
    node.className = 'diff-zone';
    node.style.top = '-10000px';
    for (const type of CONTAINED_EVENTS) node.addEventListener(type, stop);
    const content = document.createElement('div');
    content.className = 'diff-zone-content';
    node.appendChild(content);
    const overlayId = `berth.zone.${++zoneCount}`;
    const zone: Zone = {
      key,
      placement,
      spacer: {
        afterLineNumber: placement.afterLine,
        ordinal: placement.ordinal,
        heightInPx: ESTIMATED_HEIGHT,
        domNode: document.createElement('div'),
        // Shown even inside regions the diff folds away, so no comment is ever hidden.
        showInHiddenAreas: true,
        onDomNodeTop: (top) => {
          node.style.top = `${top}px`;
        },
      },
      spacerId: '',
      gap: {
        afterLineNumber: 0,
        heightInPx: ESTIMATED_HEIGHT,
        domNode: document.createElement('div'),
      },
      gapId: null,
      overlay: { getId: () => overlayId, getDomNode: () => node, getPosition: () => null },
      node,
      content,
      root: createRoot(content),
      observer: new ResizeObserver(() => this.measure(zone)),
      measured: false,
      revealed: false,
    };
    this.attach(zone, true);
    zone.observer.observe(content);
    this.zones.set(key, zone);
    return zone;
  }

  /** Adds the zone's spacer and gap at its placement, and its overlay unless it is there. */
  private attach(zone: Zone, withOverlay: boolean): void {
    const { editor: ed, afterLine, ordinal, gap } = zone.placement;
    zone.spacer.afterLineNumber = afterLine;
    zone.spacer.ordinal = ordinal;
    if (withOverlay) ed.addOverlayWidget(zone.overlay);
    ed.changeViewZones((accessor) => {
      zone.spacerId = accessor.addZone(zone.spacer);
    });
    if (gap) {
      zone.gap.afterLineNumber = gap.afterLine;
      gap.editor.changeViewZones((accessor) => {
        zone.gapId = accessor.addZone(zone.gap);
      });
    }
  }

  private detach(zone: Zone, withOverlay: boolean): void {
    const { editor: ed, gap } = zone.placement;
    ed.changeViewZones((accessor) => accessor.removeZone(zone.spacerId));
    if (withOverlay) ed.removeOverlayWidget(zone.overlay);
    const { gapId } = zone;
    if (gap && gapId !== null) gap.editor.changeViewZones((a) => a.removeZone(gapId));
    zone.gapId = null;
  }

  /**
   * Moves a zone to other lines. Within one editor its overlay stays in the document, so the
   * focus and the caret of a comment being written stay where they were; to another editor
   * (a layout switch) the overlay moves and the focus is given back.
   */
  private move(zone: Zone, placement: ZonePlacement): void {
    const newEditor = placement.editor !== zone.placement.editor;
    const focused = document.activeElement;
    this.detach(zone, newEditor);
    zone.placement = placement;
    this.attach(zone, newEditor);
    if (newEditor && focused instanceof HTMLElement && zone.node.contains(focused)) {
      focused.focus({ preventScroll: true });
    }
    if (placement.reveal && zone.measured) revealZone(placement, zone.spacer.heightInPx ?? 0);
  }

  private remove(zone: Zone): void {
    zone.observer.disconnect();
    this.detach(zone, true);
    this.zones.delete(zone.key);
    // Unmounting a root while another root renders (sync runs in an effect) is not allowed.
    setTimeout(() => zone.root.unmount(), 0);
  }

  /** Makes the spacer as tall as the content. */
  private measure(zone: Zone): void {
    const height = Math.ceil(zone.content.getBoundingClientRect().height);
    if (height <= 0) return;
    zone.measured = true;
    if (height !== zone.spacer.heightInPx) {
      zone.spacer.heightInPx = height;
      zone.gap.heightInPx = height;
      zone.placement.editor.changeViewZones((accessor) => accessor.layoutZone(zone.spacerId));
      const { gapId } = zone;
      if (gapId !== null) zone.placement.gap?.editor.changeViewZones((a) => a.layoutZone(gapId));
    }
    if (zone.placement.reveal && !zone.revealed) {
      zone.revealed = true;
      revealZone(zone.placement, height);
    }
  }

  /** Lines the zones of an editor up with its text column, as wide as the visible text. */
  private fit(ed: editor.ICodeEditor): void {
    const layout = ed.getLayoutInfo();
    const width = Math.max(120, layout.contentWidth - layout.verticalScrollbarWidth - 8);
    for (const zone of this.zones.values()) {
      if (zone.placement.editor !== ed) continue;
      zone.node.style.left = `${layout.contentLeft}px`;
      zone.node.style.width = `${width}px`;
    }
  }
}

function stop(event: Event): void {
  event.stopPropagation();
}

function samePlace(a: ZonePlacement, b: ZonePlacement): boolean {
  return (
    a.editor === b.editor &&
    a.afterLine === b.afterLine &&
    a.ordinal === b.ordinal &&
    a.gap?.editor === b.gap?.editor &&
    a.gap?.afterLine === b.gap?.afterLine
  );
}

/** Scrolls so the zone under `afterLine` is in view, its last line included. */
function revealZone({ editor: ed, afterLine }: ZonePlacement, height: number): void {
  const lineHeight = ed.getOption(monaco.editor.EditorOption.lineHeight);
  const zoneTop = afterLine === 0 ? 0 : ed.getTopForLineNumber(afterLine) + lineHeight;
  const viewHeight = ed.getLayoutInfo().height;
  const scrollTop = ed.getScrollTop();
  if (zoneTop + height > scrollTop + viewHeight - lineHeight) {
    ed.setScrollTop(Math.max(0, zoneTop + height - viewHeight + 2 * lineHeight));
  } else if (zoneTop < scrollTop) {
    ed.setScrollTop(Math.max(0, zoneTop - 2 * lineHeight));
  }
}
