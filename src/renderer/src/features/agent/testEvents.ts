import type { ActivityData, ActivityEvent, ActivityKind } from '../../../../shared/contract/agent';

/** Builds activity events for tests: seq counts up, turn is 1 unless given. */
export function eventMaker(sessionId = 's1') {
  let seq = 0;
  return <K extends ActivityKind>(kind: K, data: ActivityData[K], turn = 1): ActivityEvent => {
    seq += 1;
    return {
      sessionId,
      seq,
      turn,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      kind,
      data,
    } as ActivityEvent;
  };
}
