import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { pack, type Pack } from 'tar-stream';

/** One file of a repository's object store, to copy as it is. */
interface ObjectFile {
  source: string;
  /** Path under `.git/objects/`. */
  name: string;
  size: number;
}

export interface ObjectStore {
  files: ObjectFile[];
  packs: number;
  looseObjects: number;
  bytes: number;
  /** The `shallow` file's text, when the repository is a shallow clone. */
  shallow: string | null;
}

/** The sandbox user: uid and gid 1000 (resources/profiles/default/setup.sh). */
const sandboxUser = { uid: 1000, gid: 1000 };

/**
 * Lists the object files of a git directory (and of its alternates): pack files with their
 * indexes, and loose objects. These are copied byte for byte: re-packing a large history in
 * JavaScript would take far longer than sending the packs git already made.
 */
export function listObjectStore(gitdir: string): ObjectStore {
  const store: ObjectStore = { files: [], packs: 0, looseObjects: 0, bytes: 0, shallow: null };
  const seen = new Set<string>();
  const visit = (objectsDir: string, depth: number): void => {
    if (seen.has(objectsDir) || depth > 5 || !fs.existsSync(objectsDir)) return;
    seen.add(objectsDir);
    const add = (source: string, name: string): void => {
      const size = fs.statSync(source).size;
      store.files.push({ source, name, size });
      store.bytes += size;
    };
    const packDir = join(objectsDir, 'pack');
    if (fs.existsSync(packDir)) {
      for (const file of fs.readdirSync(packDir)) {
        const match = /^(pack-[0-9a-f]+)\.pack$/.exec(file);
        // A pack without its index is being written by a running git: leave it.
        if (!match || !fs.existsSync(join(packDir, `${match[1]}.idx`))) continue;
        add(join(packDir, file), `pack/${file}`);
        add(join(packDir, `${match[1]}.idx`), `pack/${match[1]}.idx`);
        store.packs += 1;
      }
    }
    for (const dir of fs.readdirSync(objectsDir)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const file of fs.readdirSync(join(objectsDir, dir))) {
        if (!/^[0-9a-f]{38}$/.test(file)) continue;
        add(join(objectsDir, dir, file), `${dir}/${file}`);
        store.looseObjects += 1;
      }
    }
    const alternates = join(objectsDir, 'info', 'alternates');
    if (fs.existsSync(alternates)) {
      for (const line of fs.readFileSync(alternates, 'utf8').split('\n')) {
        if (line.trim() && !line.startsWith('#'))
          visit(resolve(objectsDir, line.trim()), depth + 1);
      }
    }
  };
  visit(join(gitdir, 'objects'), 0);
  const shallow = join(gitdir, 'shallow');
  if (fs.existsSync(shallow)) store.shallow = fs.readFileSync(shallow, 'utf8');
  return store;
}

/**
 * A tar stream that makes `<repo>/.git/objects/…` (and `.git/shallow`) owned by the sandbox
 * user, for the engine's archive API. `onBytes` reports the bytes handed to the stream so far.
 */
export function objectStoreArchive(
  repoName: string,
  store: ObjectStore,
  onBytes: (sent: number) => void,
): Pack {
  const archive = pack();
  const dirMode = 0o755;
  const dir = (name: string): void => {
    archive.entry({ name, type: 'directory', mode: dirMode, ...sandboxUser });
  };
  void (async () => {
    try {
      dir(`${repoName}/`);
      dir(`${repoName}/.git/`);
      dir(`${repoName}/.git/objects/`);
      dir(`${repoName}/.git/objects/pack/`);
      const made = new Set<string>();
      let sent = 0;
      for (const file of store.files) {
        const parent = file.name.split('/')[0]!;
        if (parent !== 'pack' && !made.has(parent)) {
          made.add(parent);
          dir(`${repoName}/.git/objects/${parent}/`);
        }
        await new Promise<void>((resolve, reject) => {
          const entry = archive.entry(
            {
              name: `${repoName}/.git/objects/${file.name}`,
              size: file.size,
              mode: 0o444,
              ...sandboxUser,
            },
            (error) => (error ? reject(error) : resolve()),
          );
          const read = fs.createReadStream(file.source);
          read.on('data', (chunk) => {
            sent += chunk.length;
            onBytes(sent);
          });
          read.on('error', reject);
          read.pipe(entry as unknown as NodeJS.WritableStream);
        });
      }
      if (store.shallow !== null) {
        archive.entry(
          { name: `${repoName}/.git/shallow`, mode: 0o644, ...sandboxUser },
          store.shallow,
        );
      }
      archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  return archive;
}
