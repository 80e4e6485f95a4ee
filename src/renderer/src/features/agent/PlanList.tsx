import type { PlanStep } from '../../../../shared/contract/agent';

const marks = { completed: '✓', in_progress: '▸', pending: '○' } as const;
const names = { completed: 'done', in_progress: 'in progress', pending: 'to do' } as const;

/** The agent's plan as a checklist. */
export function PlanList({ plan }: { plan: PlanStep[] }) {
  return (
    <ol className="plan">
      {plan.map((step, i) => (
        <li key={i} className="plan-step" data-status={step.status}>
          <span className="plan-mark" role="img" aria-label={names[step.status]}>
            {marks[step.status]}
          </span>
          <span>{step.step}</span>
        </li>
      ))}
    </ol>
  );
}
