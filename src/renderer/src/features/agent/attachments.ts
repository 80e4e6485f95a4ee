import { attachmentLimits, type AttachmentInput } from '../../../../shared/contract/agent';
import { formatBytes } from './toolText';

/** An attachment in the composer, read and checked, waiting to be sent. */
export type DraftAttachment = AttachmentInput & { id: string; bytes: number };

/** What a picked, pasted or dropped file is: the browser's File, as far as these rules need. */
export interface FileFacts {
  name: string;
  /** The browser's mime type; often empty for source files. */
  type: string;
  size: number;
}

/** Extensions read as text whatever the browser says their type is. */
const textExtensions = new Set(
  (
    'txt md markdown rst adoc csv tsv log json jsonc json5 yaml yml toml ini cfg conf env xml svg ' +
    'html htm css scss sass less js mjs cjs jsx ts mts cts tsx vue svelte py pyi rb php pl pm lua ' +
    'go rs java kt kts scala swift c h cc cpp cxx hpp hh m mm cs fs vb r jl dart ex exs erl hrl ' +
    'hs elm clj cljs edn sql graphql gql proto sh bash zsh fish ps1 bat cmd dockerfile makefile ' +
    'mk cmake gradle properties lock gitignore gitattributes editorconfig patch diff tex bib nix tf hcl'
  ).split(' '),
);

/** Files without an extension that are text by name. */
const textNames = new Set(['dockerfile', 'makefile', 'license', 'readme', 'gemfile', 'procfile']);

export type FileKind = 'image' | 'text' | 'sniff';

/**
 * Images by mime type; text by mime type or a known name or extension; anything else is read
 * and kept as text if it has no NUL byte (`sniff`). SVG is text: models take it as source.
 */
export function fileKind(file: Pick<FileFacts, 'name' | 'type'>): FileKind {
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (type === 'image/svg+xml' || ext === 'svg') return 'text';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('text/')) return 'text';
  if (/^application\/(json|xml|javascript|x-sh|x-yaml|toml|sql)/.test(type)) return 'text';
  if (
    textExtensions.has(ext) ||
    textNames.has(name) ||
    (name.startsWith('.') && ext === name.slice(1))
  )
    return 'text';
  return 'sniff';
}

/** True when the bytes look like text: no NUL byte in the first 8 KiB (what git checks too). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i += 1) if (bytes[i] === 0) return false;
  return true;
}

/**
 * Why a file cannot be added to the attachments already there (null: it can). `images` says
 * whether the chosen model takes images; `model` names it in the message.
 */
export function attachmentRefusal(
  file: FileFacts,
  kind: 'image' | 'text',
  existing: readonly { bytes: number }[],
  model: { name: string; images: boolean } | null,
): string | null {
  if (existing.length >= attachmentLimits.files) {
    return `${file.name} was not added: a message takes at most ${attachmentLimits.files} files.`;
  }
  if (kind === 'image') {
    if (model && !model.images) return `${model.name} cannot take images; pick a model that can.`;
    if (file.size > attachmentLimits.imageBytes) {
      return `${file.name} is ${formatBytes(file.size)}; images are limited to ${formatBytes(attachmentLimits.imageBytes)}.`;
    }
  } else if (file.size > attachmentLimits.textBytes) {
    return `${file.name} is ${formatBytes(file.size)}; text files are limited to ${formatBytes(attachmentLimits.textBytes)}.`;
  }
  const total = existing.reduce((sum, a) => sum + a.bytes, 0) + file.size;
  if (total > attachmentLimits.totalBytes) {
    return `${file.name} was not added: the files of a message are limited to ${formatBytes(attachmentLimits.totalBytes)} in all.`;
  }
  return null;
}

/** Why the attachments cannot go to this model (an image picked before the model changed). */
export function sendRefusal(
  attachments: readonly DraftAttachment[],
  model: { name: string; images: boolean } | null,
): string | null {
  if (model && !model.images && attachments.some((a) => a.data !== undefined)) {
    return `${model.name} cannot take images; pick a model that can, or remove the images.`;
  }
  return null;
}

/** Base64 of bytes, in chunks so a 5 MiB image does not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The parts of a draft attachment the contract takes. */
export function toInput(a: DraftAttachment): AttachmentInput {
  return a.text !== undefined
    ? { name: a.name, mimeType: a.mimeType, text: a.text }
    : { name: a.name, mimeType: a.mimeType, data: a.data ?? '' };
}
