import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { storage } from '../../lib/storage';
import { terminalFont, terminalTheme } from './terminalTheme';

export interface Xterm {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
}

/**
 * `?renderer=dom` or localStorage `berth.terminalRenderer=dom` forces xterm's DOM renderer: the
 * end-to-end tests read its rows, and headless Chromium only has software WebGL.
 */
export function prefersDomRenderer(): boolean {
  const fromUrl = new URLSearchParams(window.location.search).get('renderer');
  return (fromUrl ?? storage.get('berth.terminalRenderer')) === 'dom';
}

/** One xterm with its addons, opened into `host`; WebGL when it works, else the DOM renderer. */
export function createXterm(host: HTMLElement): Xterm {
  const term = new Terminal({
    fontFamily: terminalFont,
    fontSize: 13,
    scrollback: 10_000,
    theme: terminalTheme,
    cursorBlink: true,
    // Unicode 11 widths (emoji, CJK) come from a proposed API.
    allowProposedApi: true,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  // window.open works in both shells: Electron's main process sends it to the system browser.
  term.loadAddon(
    new WebLinksAddon((event, uri) => {
      event.preventDefault();
      window.open(uri, '_blank', 'noopener,noreferrer');
    }),
  );
  term.open(host);
  if (!prefersDomRenderer()) loadWebgl(term);
  return { term, fit, search };
}

function loadWebgl(term: Terminal): void {
  try {
    const webgl = new WebglAddon();
    // A lost GPU context (driver reset, too many contexts) falls back to the DOM renderer.
    webgl.onContextLoss(() => webgl.dispose());
    term.loadAddon(webgl);
  } catch (error) {
    console.info('berth: WebGL is not available, terminals use the DOM renderer', error);
  }
}
