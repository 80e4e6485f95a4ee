import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../src/shared/contract';
import {
  callTool,
  startScriptedModel,
  type ScriptedModelServer,
  makeDefaultModel,
} from '../../src/main/testing/scriptedModel';
import { artifactsDir } from '../fixtures/browser';
import { connect } from '../fixtures/berthClient';
import { startBerth, type BerthServer } from '../fixtures/berthServer';
import { removeSandboxesOf } from '../fixtures/sandboxCleanup';

// Crash safety of the activity log: the host is killed with SIGKILL while the agent writes to
// the log, again and again. Every event a window received before the kill (events go out only
// after their transaction commits) must be in the database afterwards, and the database must
// open clean.
const rounds = 6;

describe('the activity log survives kill -9', () => {
  const dataDir = join(artifactsDir, `crash-data-${Date.now()}`);
  let model: ScriptedModelServer;
  let server: BerthServer | undefined;

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    model = await startScriptedModel();
    // An agent that never stops: every step updates its plan (four log events per step).
    for (let i = 0; i < 5000; i++) {
      model.push(callTool('update_plan', { plan: [{ step: `step ${i}`, status: 'in_progress' }] }));
    }
  });

  afterAll(async () => {
    await server?.stop();
    await removeSandboxesOf(dataDir);
    await model?.close();
  });

  it(`keeps every acknowledged event across ${rounds} kills`, async () => {
    let sessionId = '';
    const acknowledged = new Map<number, string>();
    for (let round = 0; round < rounds; round++) {
      server = await startBerth({ dataDir });
      const client = connect(server);
      client.on('agent.activity', (event: ActivityEvent) =>
        acknowledged.set(event.seq, event.kind),
      );
      if (round === 0) {
        await makeDefaultModel(client.api, model);
        sessionId = (await client.api.sessions.create({ name: 'Crash' })).id;
        for (;;) {
          const session = await client.api.sessions.get({ id: sessionId });
          if (session.status === 'running') break;
          if (session.status === 'error') throw new Error(session.statusDetail);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.api.agent.send({ sessionId, text: 'Keep planning.' });
      } else {
        const state = await client.api.agent.state({ sessionId });
        expect(state.status).toBe('interrupted');
        await client.api.agent.continue({ sessionId });
      }
      const before = acknowledged.size;
      // Let it write for a while, then pull the plug mid-write.
      const deadline = Date.now() + 10_000;
      while (acknowledged.size < before + 40 + round * 17 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await server.kill();
      client.close();
      expect(acknowledged.size).toBeGreaterThan(before);

      const db = new Database(join(dataDir, 'berth.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db
          .prepare('SELECT seq, kind FROM activity WHERE session_id = ?')
          .all(sessionId) as { seq: number; kind: string }[];
        const stored = new Map(rows.map((r) => [r.seq, r.kind]));
        const missing = [...acknowledged].filter(([seq, kind]) => stored.get(seq) !== kind);
        expect(missing).toEqual([]);
      } finally {
        db.close();
      }
    }
    server = await startBerth({ dataDir });
    const client = connect(server);
    const { events } = await client.api.agent.activity({ sessionId, limit: 2000 });
    expect(
      events.filter((e) => e.kind === 'turn.finished' && e.data.status === 'interrupted').length,
    ).toBe(rounds);
    await client.api.sessions.delete({ id: sessionId });
    client.close();
  });
});
