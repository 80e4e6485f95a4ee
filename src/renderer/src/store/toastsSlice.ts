import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

export interface ToastsSlice {
  toasts: Toast[];
  notify(kind: Toast['kind'], message: string): void;
  dismissToast(id: number): void;
}

// Long enough to read two sentences; errors stay longer because they say what to do.
const lifetimeMs = { info: 4_000, error: 10_000 };
let nextId = 1;

export const createToastsSlice: StateCreator<Store, [], [], ToastsSlice> = (set, get) => ({
  toasts: [],
  notify: (kind, message) => {
    // The same failure repeated (a key pressed again and again) is one toast, not a stack.
    const same = get().toasts.find((t) => t.kind === kind && t.message === message);
    if (same) get().dismissToast(same.id);
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { id, kind, message }].slice(-4) }));
    setTimeout(() => get().dismissToast(id), lifetimeMs[kind]);
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
