import type { DiscoveredServer } from '../../../shared/contract';
import { listModels } from './modelListing';

/** A local OpenAI-compatible server on its usual port. */
export interface LocalPort {
  name: string;
  port: number;
}

export const defaultLocalPorts: LocalPort[] = [
  { name: 'Ollama', port: 11434 },
  { name: 'llama.cpp', port: 8080 },
  { name: 'LM Studio', port: 1234 },
  { name: 'vLLM', port: 8000 },
];

/**
 * 700 ms: a server on loopback answers /models in a few milliseconds once it is up; the wait
 * only matters for a port held by something that never answers, and the probes run in parallel.
 */
export const DISCOVERY_TIMEOUT_MS = 700;

export const localBaseUrl = (port: number): string => `http://127.0.0.1:${port}/v1`;

/**
 * The servers that answer `GET /v1/models` on 127.0.0.1 right now, in the order of `ports`.
 * Anything else on those ports (a dev server on 8080 answering HTML or 404) is left out.
 */
export async function discoverLocalServers(
  ports: LocalPort[] = defaultLocalPorts,
  timeoutMs = DISCOVERY_TIMEOUT_MS,
): Promise<DiscoveredServer[]> {
  const found = await Promise.all(
    ports.map(async ({ name, port }): Promise<DiscoveredServer | undefined> => {
      const baseUrl = localBaseUrl(port);
      try {
        const models = await listModels({ kind: 'openai-compatible', baseUrl }, timeoutMs);
        return { name, baseUrl, models };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((s): s is DiscoveredServer => s !== undefined);
}
