import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { resourcesDir } from '../../../paths';
import { createDockerClient } from '../../engines/dockerClient';
import { DockerSandboxRuntime } from '../../sandboxes/dockerSandboxRuntime';
import type { ToolContext } from './toolTypes';

/** A real sandbox for the tools' Docker tests: one container per test file. */
export interface TestSandbox {
  runtime: DockerSandboxRuntime;
  containerId: string;
  /** A fresh context (new memory, no abort, a new tool call id) on `repoDir`. */
  context(repoDir: string, overrides?: Partial<ToolContext>): ToolContext;
  remove(): Promise<void>;
}

export async function startTestSandbox(prefix: string): Promise<TestSandbox> {
  const { docker } = createDockerClient();
  const runtime = new DockerSandboxRuntime(docker, {
    profileDir: join(resourcesDir(), 'profiles', 'default'),
  });
  const sessionId = `${prefix}-${randomUUID().slice(0, 8)}`;
  const image = await runtime.ensureImage(() => {});
  const containerId = await runtime.create({ sessionId, sessionName: sessionId, image });
  await runtime.start(containerId);
  return {
    runtime,
    containerId,
    context: (repoDir, overrides = {}) => ({
      runtime,
      containerId,
      repoDir,
      user: '1000:1000',
      toolCallId: `call_${randomUUID().slice(0, 8)}`,
      signal: new AbortController().signal,
      memory: { readHashes: new Map(), instructionDirs: new Set() },
      ...overrides,
    }),
    remove: () => runtime.remove(containerId, sessionId),
  };
}
