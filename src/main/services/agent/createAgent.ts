import { tool, type ToolSet } from 'ai';
import type { ModelChoice } from '../../../shared/contract';
import { ActivityTable } from '../../storage/activityTable';
import { AgentPendingTable } from '../../storage/agentPendingTable';
import { AgentQueueTable } from '../../storage/agentQueueTable';
import { AgentRulesTable } from '../../storage/agentRulesTable';
import { AgentsTable } from '../../storage/agentsTable';
import { AgentTranscriptTable } from '../../storage/agentTranscriptTable';
import type { Db } from '../../storage/db';
import type { EventBus } from '../events';
import { callOptionsFor } from '../models/languageModel';
import type { ModelsService } from '../models/modelsService';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { AgentWorkplace, ResolvedModel } from './agentDeps';
import { AgentService, type AgentServiceDeps } from './agentService';
import { AgentStore } from './agentStore';
import { loadInstructions } from './instructions/loadInstructions';
import { exactCommandPattern } from './policy/commandRules';
import { decideTool, initPolicy } from './policy/toolPolicy';
import { killCommandGroup } from './tools/runCommand';
import { runSandboxTool } from './tools/runTool';
import { toolSpecs } from './tools/toolSchemas';

/**
 * Compaction needs a window; when the provider does not say, assume a small one. Ollama's own
 * default context is 4,096 tokens; 32k is what llama.cpp and LM Studio users commonly set.
 */
const unknownWindow = { local: 32_768, hosted: 128_000 };

/** The model-facing tools: no `execute`, so the loop runs each call itself. */
function modelTools(): ToolSet {
  return Object.fromEntries(
    Object.entries(toolSpecs).map(([name, spec]) => [
      name,
      tool({ description: spec.description, inputSchema: spec.inputSchema }),
    ]),
  );
}

/** Builds the agent from the host's parts: storage tables, models, the sandbox runtime. */
export async function createAgent(parts: {
  db: Db;
  bus: EventBus;
  runtime: SandboxRuntime;
  models: ModelsService;
  workplace: AgentWorkplace;
  sessionExists(sessionId: string): boolean;
  teammateOf?(sessionId: string): string | undefined;
  review: AgentServiceDeps['review'];
  retryDelaysMs?: readonly number[];
}): Promise<AgentService> {
  await initPolicy();
  const store = new AgentStore(
    {
      db: parts.db,
      agents: new AgentsTable(parts.db),
      activity: new ActivityTable(parts.db),
      transcript: new AgentTranscriptTable(parts.db),
      pending: new AgentPendingTable(parts.db),
      queue: new AgentQueueTable(parts.db),
      rules: new AgentRulesTable(parts.db),
    },
    parts.bus,
    () => parts.models.defaultChoice(),
  );
  const resolve = (choice: ModelChoice): ResolvedModel => {
    const r = parts.models.resolve(choice);
    return {
      model: r.model,
      info: r.info,
      callOptions: (effort) => callOptionsFor(r.kind, choice.modelId, effort),
      contextWindow:
        r.info?.contextWindow ??
        (r.kind === 'openai-compatible' ? unknownWindow.local : unknownWindow.hosted),
    };
  };
  const agent = new AgentService({
    store,
    runtime: parts.runtime,
    workplace: parts.workplace,
    models: { resolve, getDefault: () => parts.models.defaultChoice() },
    tools: {
      specs: modelTools(),
      runSandboxTool,
      newMemory: () => ({ readHashes: new Map(), instructionDirs: new Set() }),
      killOrphan: async (containerId, toolCallId) => {
        await killCommandGroup(parts.runtime, containerId, { toolCallId });
      },
    },
    policy: {
      decide: (tool, input, mode, rules, cwd) => decideTool({ tool, input, mode, rules }, cwd),
    },
    instructions: {
      load: (containerId, repoDir) => loadInstructions(parts.runtime, containerId, repoDir),
    },
    sessionExists: parts.sessionExists,
    ...(parts.teammateOf ? { teammateOf: parts.teammateOf } : {}),
    review: parts.review,
    exactCommandPattern,
    ...(parts.retryDelaysMs ? { retryDelaysMs: parts.retryDelaysMs } : {}),
  });
  await agent.recover();
  return agent;
}
