import { agentInput, type AgentApi, type AgentEvents } from './agent';
import { enginesInput, type EnginesApi, type EnginesEvents } from './engines';
import { modelsInput, type ModelsApi, type ModelsEvents } from './models';
import { portsInput, type PortsApi, type PortsEvents } from './ports';
import { projectsInput, type ProjectsApi, type ProjectsEvents } from './projects';
import { repositoriesInput, type RepositoriesApi, type RepositoriesEvents } from './repositories';
import { reviewsInput, type ReviewsApi, type ReviewsEvents } from './reviews';
import { sessionsInput, type SessionsApi, type SessionsEvents } from './sessions';
import { settingsInput, type SettingsApi, type SettingsEvents } from './settings';
import { terminalsInput, type TerminalsApi, type TerminalsEvents } from './terminals';

export * from './errors';
export * from './agent';
export * from './models';
export * from './branchNames';
export * from './engines';
export * from './ports';
export * from './projects';
export * from './repositories';
export * from './reviews';
export * from './sessions';
export * from './settings';
export * from './terminals';

/** The whole contract: one interface per domain. */
export interface Api {
  agent: AgentApi;
  engines: EnginesApi;
  models: ModelsApi;
  ports: PortsApi;
  projects: ProjectsApi;
  repositories: RepositoriesApi;
  reviews: ReviewsApi;
  sessions: SessionsApi;
  settings: SettingsApi;
  terminals: TerminalsApi;
}

/** Every event each domain can emit. */
export interface Events {
  agent: AgentEvents;
  engines: EnginesEvents;
  models: ModelsEvents;
  ports: PortsEvents;
  projects: ProjectsEvents;
  repositories: RepositoriesEvents;
  reviews: ReviewsEvents;
  sessions: SessionsEvents;
  settings: SettingsEvents;
  terminals: TerminalsEvents;
}

type Schemas<T> = { [K in keyof T]: { parse(input: unknown): unknown } };

/**
 * The input schema of every method. It is also the server's runtime allow-list: a wire method
 * that is not a key here is refused. `satisfies` keeps it in step with the interfaces.
 */
export const inputSchemas = {
  agent: agentInput,
  engines: enginesInput,
  models: modelsInput,
  ports: portsInput,
  projects: projectsInput,
  repositories: repositoriesInput,
  reviews: reviewsInput,
  sessions: sessionsInput,
  settings: settingsInput,
  terminals: terminalsInput,
} satisfies { [D in keyof Api]: Schemas<Api[D]> };

export type Domain = keyof Api;
export type MethodName = {
  [D in Domain]: `${D}.${keyof Api[D] & string}`;
}[Domain];
export type EventName = {
  [D in Domain]: `${D}.${keyof Events[D] & string}`;
}[Domain];

export type EventPayload<N extends EventName> = N extends `${infer D}.${infer E}`
  ? D extends Domain
    ? E extends keyof Events[D]
      ? Events[D][E]
      : never
    : never
  : never;

/** Runtime list of event names, for validating subscriptions. */
export const eventNames = [
  'agent.activity',
  'agent.delta',
  'agent.output',
  'agent.state',
  'models.changed',
  'engines.status',
  'engines.removed',
  'ports.changed',
  'projects.changed',
  'projects.deleted',
  'repositories.state',
  'reviews.comments',
  'settings.changed',
  'sessions.changed',
  'sessions.buildOutput',
  'sessions.sharedChanged',
  'terminals.output',
  'terminals.changed',
  'terminals.closed',
] as const satisfies readonly EventName[];

// Compile-time check that eventNames lists every event.
type MissingEvents = Exclude<EventName, (typeof eventNames)[number]>;
const _allEventsListed: MissingEvents extends never ? true : never = true;
void _allEventsListed;
