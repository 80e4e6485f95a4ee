import { createElement, use, type ComponentType } from 'react';
import type { DiffEditorProps } from './diffEditorTypes';

let loading: Promise<ComponentType<DiffEditorProps>> | null = null;

// Like React.lazy, but a failed load is forgotten, so Retry loads the chunk again (React.lazy
// keeps the rejection for good).
function load(): Promise<ComponentType<DiffEditorProps>> {
  loading ??= import('./diff/DiffEditor').then(
    (module) => module.default,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The Monaco diff editor, loaded the first time a diff is shown (Monaco is large). Suspends
 * while it loads; a failure goes to the nearest error boundary.
 */
export function LazyDiffEditor(props: DiffEditorProps) {
  // The same component every time (the module's default export), not one made per render.
  return createElement(use(load()), props);
}
