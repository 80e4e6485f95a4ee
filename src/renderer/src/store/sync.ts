import { RpcError } from '../../../shared/contract/errors';
import type { RpcClient } from '../../../shared/rpc/client';
import { errorMessage, isCancelled } from '../lib/errorMessage';
import { sessionIdFromHash } from '../lib/hashRoute';
import { useStore } from './index';

let client: RpcClient | undefined;

/**
 * Keeps the store in step with the workbench: engine status, session and project changes as they
 * happen, and a full reload of them after every (re)connect, since events sent while the
 * connection was down are gone.
 */
export function startSync(rpcClient: RpcClient): void {
  client = rpcClient;
  const store = useStore.getState();
  rpcClient.on('engines.status', (engine) => useStore.getState().setEngine(engine));
  rpcClient.on('sessions.changed', (session) => useStore.getState().upsertSession(session));
  rpcClient.on('projects.changed', (project) => useStore.getState().upsertProject(project));
  rpcClient.on('projects.deleted', ({ id }) => useStore.getState().removeProject(id));
  rpcClient.on('models.changed', (providers) => useStore.getState().setProviders(providers));
  rpcClient.onState((state) => {
    if (state === 'reconnecting') useStore.getState().setReconnecting();
    else if (state === 'connected') void load(rpcClient);
  });
  window.addEventListener('hashchange', () => {
    const id = sessionIdFromHash(window.location.hash);
    if (id !== null) useStore.getState().selectSession(id);
  });
  if (rpcClient.state === 'connected') void load(rpcClient);
  else store.setReconnecting();
}

async function load(rpcClient: RpcClient): Promise<void> {
  void loadModels(rpcClient);
  try {
    const [sessions, engine, projects] = await Promise.all([
      rpcClient.api.sessions.list({}),
      rpcClient.api.engines.status({}),
      rpcClient.api.projects.list({}),
    ]);
    const store = useStore.getState();
    store.setSessions(sessions);
    store.setProjects(projects);
    store.setEngine(engine);
    store.setConnected();
  } catch (error) {
    // A failure while the pipe is down is retried by the client's next reconnect.
    if (rpcClient.state === 'connected') reportError(error);
  }
}

/**
 * The model providers, apart from the rest: the workbench works without them (no chat until a
 * model is set up), and a shell without the models domain answers `not_found`.
 */
async function loadModels(rpcClient: RpcClient): Promise<void> {
  try {
    useStore.getState().setProviders(await rpcClient.api.models.list({}));
  } catch (error) {
    if (error instanceof RpcError && error.code === 'not_found') return;
    if (rpcClient.state === 'connected') reportError(error);
  }
}

/**
 * Shows a failed call as an error toast in the RpcError's own words. Nothing is shown while the
 * connection is down: the reconnect banner already says so, once.
 */
export function reportError(error: unknown): void {
  if (isCancelled(error)) return;
  if (client && client.state !== 'connected') return;
  useStore.getState().notify('error', errorMessage(error));
}
