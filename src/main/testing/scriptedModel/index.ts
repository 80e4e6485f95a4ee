export { startScriptedModel, NO_STEP_LEFT } from './server';
export type { ScriptedModelServer, ScriptedModelOptions } from './server';
export { makeDefaultModel } from './defaultModel';
export { say, think, callTool, callToolRaw, callTools, failWith } from './builders';
export { DEFAULT_SIGNATURE } from './anthropicWire';
export type * from './types';
