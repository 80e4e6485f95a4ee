import {
  attachmentRefusal,
  fileKind,
  looksLikeText,
  toBase64,
  type DraftAttachment,
} from './attachments';

// Ids for the chips only; crypto.randomUUID is missing outside secure contexts (plain http).
let nextId = 0;

/**
 * Reads picked, pasted or dropped files into attachments: text as text, images as base64.
 * Each file that cannot go (too big, too many, not text, an image for a model without images)
 * is left out with a sentence that names it.
 */
export async function readAttachments(
  files: readonly File[],
  existing: readonly DraftAttachment[],
  model: { name: string; images: boolean } | null,
): Promise<{ added: DraftAttachment[]; errors: string[] }> {
  const added: DraftAttachment[] = [];
  const errors: string[] = [];
  for (const file of files) {
    let kind = fileKind(file);
    if (kind === 'sniff') {
      const head = new Uint8Array(await file.slice(0, 8192).arrayBuffer());
      if (!looksLikeText(head)) {
        errors.push(`${file.name} is neither a text file nor an image, so it cannot be attached.`);
        continue;
      }
      kind = 'text';
    }
    const refusal = attachmentRefusal(file, kind, [...existing, ...added], model);
    if (refusal) {
      errors.push(refusal);
      continue;
    }
    const base = {
      id: `attachment-${(nextId += 1)}`,
      name: file.name || 'pasted',
      bytes: file.size,
    };
    if (kind === 'image') {
      const data = toBase64(new Uint8Array(await file.arrayBuffer()));
      added.push({ ...base, mimeType: file.type, data });
    } else {
      added.push({ ...base, mimeType: file.type || 'text/plain', text: await file.text() });
    }
  }
  return { added, errors };
}
