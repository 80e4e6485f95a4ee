import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import tar from 'tar-stream';

/** One file of a profile folder, as it goes into the Docker build context. */
export interface ProfileFile {
  /** Relative to the profile folder, with `/` separators. */
  path: string;
  mode: number;
  content: Buffer;
}

/** Documentation in the profile folder does not change the image, so it neither rebuilds nor ships. */
const isDocumentation = (path: string): boolean => path.toLowerCase().endsWith('.md');

/** Every file of the profile folder (recursively), sorted by path so the hash is stable. */
export async function readProfile(dir: string): Promise<ProfileFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: ProfileFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    if (isDocumentation(path)) continue;
    const [content, info] = await Promise.all([readFile(full), stat(full)]);
    // Only the executable bits matter to the build; umask differences must not change the hash.
    files.push({ path, mode: info.mode & 0o111 ? 0o755 : 0o644, content });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** sha256 over the base image id and every profile file's path, mode and bytes. */
export function profileHash(files: ProfileFile[], baseImageId: string): string {
  const hash = createHash('sha256');
  hash.update(`base\0${baseImageId}\0`);
  for (const file of files) {
    hash.update(`${file.path}\0${file.mode.toString(8)}\0${file.content.length}\0`);
    hash.update(file.content);
  }
  return hash.digest('hex');
}

/** The build context as one tar in memory: a profile is a few kilobytes. */
export async function profileTar(files: ProfileFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  // A fixed mtime keeps the context byte-identical between runs.
  const mtime = new Date(0);
  for (const file of files) {
    pack.entry(
      { name: file.path, mode: file.mode, size: file.content.length, mtime, uid: 0, gid: 0 },
      file.content,
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}
