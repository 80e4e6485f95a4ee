import { finished } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { RpcError } from '../../../shared/contract';
import { readJsonLines } from '../engines/jsonLines';
import { parseBuildMessage } from './buildOutput';
import { isMissing, toRpcError } from './dockerErrors';
import { profileHash, profileTar, readProfile, type ProfileFile } from './profileContext';
import type { ImageBuildProgress } from './sandboxRuntime';
import { SharedBuild } from './sharedBuild';

export interface ImageBuilderOptions {
  profileDir: string;
  baseImage: string;
  endpoint: string;
  /** Repository part of the image tag; the tag is a hash of what goes into the image. */
  repository?: string;
  /**
   * Another engine (the local one) to copy the base image from when this engine lacks it: a
   * remote host gets the same base without a registry.
   */
  baseSource?: Docker;
}

/**
 * Builds the sandbox image of a profile at most once per content: the tag is the first 12 hex
 * digits of a hash over the profile files and the base image id, so an unchanged profile is
 * found instead of rebuilt and an edited one (or a rebuilt base) gets a new image.
 */
export class ImageBuilder {
  private readonly builds = new Map<string, SharedBuild>();
  private readonly repository: string;
  private copyingBase: Promise<void> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly options: ImageBuilderOptions,
  ) {
    this.repository = options.repository ?? 'berth-sandbox-default';
  }

  async ensure(
    onProgress: (progress: ImageBuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<string> {
    signal?.throwIfAborted();
    const [baseImageId, files] = await Promise.all([
      this.baseImageId(onProgress),
      readProfile(this.options.profileDir),
    ]);
    const tag = `${this.repository}:${profileHash(files, baseImageId).slice(0, 12)}`;
    let build = this.builds.get(tag);
    if (!build || build.cancelled) {
      if (await this.exists(tag)) return tag;
      signal?.throwIfAborted();
      // Checked again: another caller may have started the build while this one looked.
      build = this.builds.get(tag);
      if (!build || build.cancelled) {
        const started = new SharedBuild((emit, buildSignal) =>
          this.build(tag, files, emit, buildSignal),
        );
        const forget = (): void => {
          if (this.builds.get(tag) === started) this.builds.delete(tag);
        };
        started.done.then(forget, forget);
        this.builds.set(tag, started);
        build = started;
      }
    }
    return build.join(onProgress, signal);
  }

  private async baseImageId(
    onProgress: (progress: ImageBuildProgress) => void,
    copied = false,
  ): Promise<string> {
    const { baseImage, endpoint, baseSource } = this.options;
    try {
      const info = await this.docker.getImage(baseImage).inspect();
      return info.Id;
    } catch (error) {
      if (isMissing(error) && baseSource && !copied && (await hasImage(baseSource, baseImage))) {
        this.copyingBase ??= copyImage(baseSource, this.docker, baseImage, onProgress).finally(
          () => {
            this.copyingBase = undefined;
          },
        );
        await this.copyingBase;
        return this.baseImageId(onProgress, true);
      }
      if (isMissing(error)) {
        throw new RpcError(
          'unavailable',
          `The sandbox base image ${baseImage} is missing on the Docker engine. Build it with ` +
            `scripts/build-base-image.sh (it makes the image from Debian's packages, no registry needed).`,
        );
      }
      throw toRpcError(error, endpoint, `Looking up the base image ${baseImage}`);
    }
  }

  private async exists(tag: string): Promise<boolean> {
    try {
      await this.docker.getImage(tag).inspect();
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw toRpcError(error, this.options.endpoint, `Looking up the sandbox image ${tag}`);
    }
  }

  private async build(
    tag: string,
    files: ProfileFile[],
    emit: (progress: ImageBuildProgress) => void,
    signal: AbortSignal,
  ): Promise<string> {
    const doing = `Building the sandbox image ${tag}`;
    let failure: string | undefined;
    try {
      const context = Readable.from([await profileTar(files)]);
      const stream = await this.docker.buildImage(context, {
        t: tag,
        buildargs: { BASE_IMAGE: this.options.baseImage },
        labels: { 'berth.profile': 'default' },
        // Intermediate containers of a failed step are removed too, so failures leave no litter.
        rm: true,
        forcerm: true,
        abortSignal: signal,
      });
      readJsonLines(stream, (raw) => {
        const parsed = parseBuildMessage(raw);
        for (const progress of parsed.progress) emit(progress);
        if (parsed.error !== undefined) failure ??= parsed.error;
      });
      await finished(stream as Readable);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw toRpcError(error, this.options.endpoint, doing);
    }
    if (failure !== undefined) throw new RpcError('internal', `${doing} failed: ${failure}`);
    if (!(await this.exists(tag))) {
      throw new RpcError(
        'internal',
        `${doing} ended without an image; see the build output above.`,
      );
    }
    emit({ line: `Built ${tag}`, fraction: 1 });
    return tag;
  }
}

async function hasImage(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch {
    return false;
  }
}

/** `docker save | docker load` between two engines, through their APIs, with progress. */
async function copyImage(
  from: Docker,
  to: Docker,
  image: string,
  onProgress: (progress: ImageBuildProgress) => void,
): Promise<void> {
  const size = (await from.getImage(image).inspect()).Size;
  const tar = await from.getImage(image).get();
  let sent = 0;
  let shown = 0;
  tar.on('data', (chunk: Buffer) => {
    sent += chunk.length;
    if (sent - shown < 16 * 1024 ** 2) return;
    shown = sent;
    onProgress({
      line: `Copying the base image ${image} to the engine: ${Math.round(sent / 1024 ** 2)} MB`,
      ...(size > 0 ? { fraction: Math.min(1, sent / size) } : {}),
    });
  });
  onProgress({ line: `Copying the base image ${image} to the engine (it is missing there)` });
  const answer = (await to.loadImage(tar as unknown as NodeJS.ReadableStream)) as Readable;
  let failure: string | undefined;
  readJsonLines(answer, (raw) => {
    const error = (raw as { error?: unknown } | null)?.error;
    if (typeof error === 'string') failure = error;
  });
  await finished(answer);
  if (failure)
    throw new RpcError('unavailable', `Copying the base image ${image} failed: ${failure}`);
  onProgress({ line: `Copied the base image ${image} (${Math.round(sent / 1024 ** 2)} MB)` });
}
