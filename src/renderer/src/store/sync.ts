import { RpcError } from '../../../shared/contract/errors';
import type { RpcClient } from '../../../shared/rpc/client';
import { errorMessage, isCancelled } from '../lib/errorMessage';
import { sessionIdFromHash } from '../lib/hashRoute';
import { useStore } from './index';

let client: RpcClient | undefined;

/**
 * Keeps the store in step with the workbench: engines, sessions (one's own and teammates') and
 * projects as they change, and a full reload of them after every (re)connect, since events sent
 * while the connection was down are gone.
 */
export function startSync(rpcClient: RpcClient): void {
  client = rpcClient;
  const store = useStore.getState();
  rpcClient.on('engines.status', (engine) => {
    const before = useStore.getState().engines.find((e) => e.id === engine.id);
    useStore.getState().upsertEngine(engine);
    // Teammates' sessions are listed on connected engines only: one came or went.
    if ((before?.state === 'connected') !== (engine.state === 'connected')) refreshShared();
  });
  rpcClient.on('engines.removed', ({ engineId }) => {
    useStore.getState().removeEngine(engineId);
    refreshShared();
  });
  rpcClient.on('sessions.sharedChanged', () => refreshShared());
  rpcClient.on('sessions.changed', (session) => {
    useStore.getState().upsertSession(session);
    // Attached, detached, stopped: the shared list shows that too.
    if (session.teammate) refreshShared();
  });
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
    const [sessions, engines, projects] = await Promise.all([
      rpcClient.api.sessions.list({}),
      rpcClient.api.engines.list({}),
      rpcClient.api.projects.list({}),
    ]);
    const store = useStore.getState();
    store.setSessions(sessions);
    store.setProjects(projects);
    store.setEngines(engines);
    store.setConnected();
    refreshShared();
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

let sharedReading = false;
let sharedAgain = false;

/**
 * Lists teammates' sessions again. Asked while a read is on its way, it reads once more after
 * it, so the last list shown is never older than the last change. A failure is not worth a
 * toast: an engine that just went away is listed again when it is back.
 */
export function refreshShared(): void {
  const rpcClient = client;
  if (!rpcClient) return;
  if (sharedReading) {
    sharedAgain = true;
    return;
  }
  sharedReading = true;
  rpcClient.api.sessions
    .shared({})
    .then((sessions) => useStore.getState().setSharedSessions(sessions))
    .catch(() => undefined)
    .finally(() => {
      sharedReading = false;
      if (!sharedAgain) return;
      sharedAgain = false;
      refreshShared();
    });
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
