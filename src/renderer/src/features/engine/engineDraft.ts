import type { z } from 'zod';
import { engineAddressSchema, enginesInput } from '../../../../shared/contract/engines';
import { fieldErrorOf, sentence } from '../../lib/fieldError';

/** What the Add engine form holds, as typed. */
export interface EngineDraft {
  address: string;
  name: string;
  /** SSH: a private key file; empty for the SSH agent. */
  identityFile: string;
  /** SSH: the Docker socket on the host; empty for `/var/run/docker.sock`. */
  socketPath: string;
  /** TCP: the CA, client certificate and client key files, all required. */
  ca: string;
  cert: string;
  key: string;
}

export type EngineField = keyof EngineDraft;
export type EngineDraftErrors = Partial<Record<EngineField, string>>;
export type EngineAddInput = z.infer<typeof enginesInput.add>;

export const emptyEngineDraft: EngineDraft = {
  address: '',
  name: '',
  identityFile: '',
  socketPath: '',
  ca: '',
  cert: '',
  key: '',
};

/** The form's label of each field, which the contract's messages are reworded with. */
export const engineFieldLabels: Record<EngineField, string> = {
  address: 'Address',
  name: 'Engine name',
  identityFile: 'Key file',
  socketPath: 'Docker socket on the host',
  ca: 'CA certificate',
  cert: 'Client certificate',
  key: 'Client key',
};

/** The contract's path of each field (`tls.ca`), as zod issues and server errors name them. */
const contractPaths: Record<EngineField, string> = {
  address: 'address',
  name: 'name',
  identityFile: 'identityFile',
  socketPath: 'socketPath',
  ca: 'tls.ca',
  cert: 'tls.cert',
  key: 'tls.key',
};

/** `ssh` or `tls` by the address's scheme, or null while it has neither. */
export function addressKind(address: string): 'ssh' | 'tls' | null {
  const a = address.trim();
  if (a.startsWith('ssh://')) return 'ssh';
  if (a.startsWith('tcp://')) return 'tls';
  return null;
}

/** What the form sends: trimmed, empty fields left out, only the fields its kind takes. */
export function engineAddInput(draft: EngineDraft): EngineAddInput {
  const kind = addressKind(draft.address);
  const given = (value: string): string | undefined => value.trim() || undefined;
  const name = given(draft.name);
  const identityFile = kind === 'ssh' ? given(draft.identityFile) : undefined;
  const socketPath = kind === 'ssh' ? given(draft.socketPath) : undefined;
  return {
    address: draft.address.trim(),
    ...(name !== undefined && { name }),
    ...(identityFile !== undefined && { identityFile }),
    ...(socketPath !== undefined && { socketPath }),
    ...(kind === 'tls' && {
      tls: { ca: draft.ca.trim(), cert: draft.cert.trim(), key: draft.key.trim() },
    }),
  };
}

/**
 * Each field's problem by the contract's own schema (the server checks the same), in the form's
 * words, with a pointed hint for an address that is nearly right. Empty: the draft can be sent.
 */
export function engineDraftErrors(draft: EngineDraft): EngineDraftErrors {
  const result = enginesInput.add.safeParse(engineAddInput(draft));
  const errors: EngineDraftErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = fieldAt(issue.path.join('.'));
    if (field === null || errors[field] !== undefined) continue;
    errors[field] = fieldMessage(field, issue.message, draft);
  }
  return errors;
}

/** A refused add: beside the field the server names, else for the form as a whole. */
export function placeAddError(error: unknown): { field: EngineField | null; message: string } {
  const { field, message } = fieldErrorOf(error);
  const placed = field === null ? null : fieldAt(field);
  return { field: placed, message: placed ? fieldMessage(placed, message) : message };
}

function fieldAt(path: string): EngineField | null {
  const entry = Object.entries(contractPaths).find(([, p]) => p === path);
  return entry ? (entry[0] as EngineField) : null;
}

function fieldMessage(field: EngineField, message: string, draft?: EngineDraft): string {
  if (field === 'address' && draft) return addressHint(draft.address) ?? sentence(message);
  if ((field === 'ca' || field === 'cert' || field === 'key') && draft?.[field].trim() === '') {
    return `${engineFieldLabels[field]} is required: a tcp:// engine always uses TLS.`;
  }
  const path = contractPaths[field];
  // The server's copy of a message arrives as a sentence already: `Tls.key must be …`.
  const worded = message.toLowerCase().startsWith(`${path.toLowerCase()} `)
    ? `${engineFieldLabels[field]}${message.slice(path.length)}`
    : message;
  return sentence(worded);
}

/** Why an address is refused, pointed at what is missing; null when the contract takes it. */
export function addressHint(address: string): string | null {
  const a = address.trim();
  if (engineAddressSchema.safeParse(a).success) return null;
  if (a === '') return 'Enter an address: ssh://user@host[:port] or tcp://host:2376.';
  if (a.startsWith('ssh://') && !a.includes('@')) {
    return 'Add the user to log in as: ssh://user@host[:port].';
  }
  if (a.startsWith('tcp://') && !/:\d{1,5}\/?$/.test(a)) {
    return 'Add the port: tcp://host:2376 (Docker with TLS listens on 2376).';
  }
  if (!a.startsWith('ssh://') && !a.startsWith('tcp://')) {
    return 'Start with ssh:// (ssh://user@host[:port]) or tcp:// (tcp://host:2376).';
  }
  return 'Use ssh://user@host[:port] or tcp://host:port, without a path.';
}
