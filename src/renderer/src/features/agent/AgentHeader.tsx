import { useState } from 'react';
import {
  approvalModes,
  type AgentState,
  type ApprovalMode,
} from '../../../../shared/contract/agent';
import { StatusDot } from '../../components/StatusDot';
import { compact } from './chatItems';
import { canContinue, modeLabels, statusText } from './agentStatus';
import { PlanList } from './PlanList';
import { formatBytes } from './toolText';

type Open = 'plan' | 'instructions' | 'files' | null;

interface AgentHeaderProps {
  state: AgentState | undefined;
  busy: boolean;
  onConfigure(change: { mode: ApprovalMode }): void;
  onContinue(): void;
  /** A teammate's session: no Continue, no approval mode (only the owner's workbench acts). */
  readOnly?: boolean;
}

/**
 * The agent at a glance: its status and why, tokens used, Continue after a stop, the approval
 * mode, and disclosures for the plan, the instructions it follows and the files it touched.
 */
export function AgentHeader({
  state,
  busy,
  onConfigure,
  onContinue,
  readOnly = false,
}: AgentHeaderProps) {
  const [open, setOpen] = useState<Open>(null);
  const toggle = (what: Exclude<Open, null>): void => setOpen((o) => (o === what ? null : what));
  if (!state) {
    return (
      <div className="agent-header">
        <span className="agent-status muted">Loading the agent…</span>
      </div>
    );
  }
  const status = statusText[state.status];
  const done = state.plan.filter((s) => s.status === 'completed').length;
  const instructions = state.instructions;
  const instructionCount = (instructions?.files.length ?? 0) + (instructions?.skills.length ?? 0);
  return (
    <div className="agent-header-wrap">
      <div className="agent-header">
        <span
          className="agent-status"
          role="status"
          aria-label="Agent status"
          data-status={state.status}
        >
          {state.status === 'running' ? (
            <span className="spinner" aria-hidden="true" />
          ) : (
            <StatusDot tone={status.tone} />
          )}
          <span>{status.label}</span>
          {state.statusDetail && <span className="agent-status-detail">{state.statusDetail}</span>}
        </span>
        {!readOnly && canContinue(state.status) && (
          <button
            type="button"
            className="button small primary"
            disabled={busy}
            onClick={onContinue}
          >
            Continue
          </button>
        )}
        <span className="spacer" />
        <span
          className="agent-usage"
          title={`${state.usage.inputTokens.toLocaleString()} input and ${state.usage.outputTokens.toLocaleString()} output tokens in this session`}
        >
          {compact(state.usage.inputTokens)} in · {compact(state.usage.outputTokens)} out
        </span>
        {!readOnly && (
          <select
            className="input select small"
            aria-label="Approval mode"
            value={state.mode}
            disabled={busy}
            onChange={(e) => onConfigure({ mode: e.target.value as ApprovalMode })}
          >
            {approvalModes.map((mode) => (
              <option key={mode} value={mode}>
                {modeLabels[mode]}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="agent-disclosures">
        {state.plan.length > 0 && (
          <button
            type="button"
            className="disclosure"
            aria-expanded={open === 'plan'}
            onClick={() => toggle('plan')}
          >
            <Mark open={open === 'plan'} />
            Plan {done}/{state.plan.length}
          </button>
        )}
        <button
          type="button"
          className="disclosure"
          aria-expanded={open === 'instructions'}
          onClick={() => toggle('instructions')}
        >
          <Mark open={open === 'instructions'} />
          Instructions in effect{instructionCount > 0 ? ` (${instructionCount})` : ''}
        </button>
        {state.touchedFiles.length > 0 && (
          <button
            type="button"
            className="disclosure"
            aria-expanded={open === 'files'}
            onClick={() => toggle('files')}
          >
            <Mark open={open === 'files'} />
            Files touched ({state.touchedFiles.length})
          </button>
        )}
      </div>
      {open === 'plan' && (
        <div className="agent-drawer" role="region" aria-label="Plan">
          <PlanList plan={state.plan} />
        </div>
      )}
      {open === 'instructions' && (
        <div className="agent-drawer" role="region" aria-label="Instructions in effect">
          {!instructions || instructionCount === 0 ? (
            <p className="muted">
              {instructions
                ? 'No AGENTS.md or skills in the primary repository.'
                : 'The agent reads AGENTS.md and skills when its first turn starts.'}
            </p>
          ) : (
            <ul className="drawer-list">
              {instructions.files.map((f) => (
                <li key={f.path}>
                  <span className="mono">{f.path}</span>{' '}
                  <span className="muted">
                    {formatBytes(f.bytes)}
                    {f.truncated ? ', cut to fit' : ''}
                  </span>
                </li>
              ))}
              {instructions.skills.map((s) => (
                <li key={s.path}>
                  <span className="mono">skill {s.name}</span>{' '}
                  <span className="muted">{s.description}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {open === 'files' && (
        <div className="agent-drawer" role="region" aria-label="Files touched">
          <ul className="drawer-list mono">
            {state.touchedFiles.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The open/closed triangle, out of the button's accessible name. */
function Mark({ open }: { open: boolean }) {
  return (
    <span className="disclosure-mark" aria-hidden="true">
      {open ? '▾' : '▸'}
    </span>
  );
}
