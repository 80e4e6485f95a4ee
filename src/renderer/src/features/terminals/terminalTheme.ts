import type { ITheme } from '@xterm/xterm';

/** Matches the app's dark palette (styles/base.css); ANSI colours tuned for that background. */
export const terminalTheme: ITheme = {
  background: '#0d1015',
  foreground: '#d5d9e0',
  cursor: '#d5d9e0',
  cursorAccent: '#0d1015',
  selectionBackground: '#3a4a6b',
  scrollbarSliderBackground: 'rgba(140, 150, 170, 0.16)',
  scrollbarSliderHoverBackground: 'rgba(140, 150, 170, 0.28)',
  scrollbarSliderActiveBackground: 'rgba(140, 150, 170, 0.4)',
  black: '#1c2028',
  red: '#f0736d',
  green: '#7cc87c',
  yellow: '#e2c07a',
  blue: '#6fa3f7',
  magenta: '#c39af2',
  cyan: '#63c6d4',
  white: '#c9ced8',
  brightBlack: '#5c6370',
  brightRed: '#ff8f8a',
  brightGreen: '#9be09b',
  brightYellow: '#f3d797',
  brightBlue: '#93bbff',
  brightMagenta: '#d7b6ff',
  brightCyan: '#8adbe6',
  brightWhite: '#f2f4f8',
};

export const terminalFont =
  'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
