import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { Session } from '../../../../shared/contract/sessions';
import { AgentPanel } from '../agent/AgentPanel';
import { ChangesPanel } from '../changes/ChangesPanel';
import { useReviewSync } from '../changes/useReviewSync';
import { useStore } from '../../store';
import { TerminalWorkspace } from '../terminals/TerminalWorkspace';
import { CreationProgress } from './CreationProgress';
import { OverviewPanel } from './OverviewPanel';
import { WorkbenchHeader } from './WorkbenchHeader';

/**
 * One session: its header and creation progress, then the chat on the left, the changes beside
 * it when open, and on the right the overview above the terminals.
 */
export function Workbench({ session }: { session: Session }) {
  useReviewSync(session);
  const changesOpen = useStore((s) => s.changesOpen);
  // Each set of columns remembers its own sizes: closing the changes gives the chat its width back.
  const twoColumns = useDefaultLayout({
    id: 'berth.workbench.columns',
    storage: window.localStorage,
  });
  const threeColumns = useDefaultLayout({
    id: 'berth.workbench.columns.changes',
    storage: window.localStorage,
  });
  const columns = changesOpen ? threeColumns : twoColumns;
  const side = useDefaultLayout({ id: 'berth.workbench.side', storage: window.localStorage });
  return (
    <div className="workbench">
      <WorkbenchHeader session={session} />
      {session.status === 'creating' && <CreationProgress session={session} />}
      <Group
        orientation="horizontal"
        className="workbench-panels"
        defaultLayout={columns.defaultLayout}
        onLayoutChanged={columns.onLayoutChanged}
      >
        <Panel
          id="chat"
          defaultSize={changesOpen ? '34%' : '50%'}
          minSize="320px"
          className="panel"
        >
          <AgentPanel session={session} />
        </Panel>
        <Separator className="separator vertical" />
        {changesOpen && (
          <>
            <Panel id="changes" defaultSize="42%" minSize="360px" className="panel">
              <ChangesPanel session={session} />
            </Panel>
            <Separator className="separator vertical" />
          </>
        )}
        <Panel
          id="side"
          defaultSize={changesOpen ? '24%' : '50%'}
          minSize="240px"
          className="panel"
        >
          <Group
            orientation="vertical"
            className="workbench-side"
            defaultLayout={side.defaultLayout}
            onLayoutChanged={side.onLayoutChanged}
          >
            <Panel id="overview" defaultSize="30%" minSize="64px" className="panel">
              <OverviewPanel session={session} />
            </Panel>
            <Separator className="separator horizontal" />
            <Panel id="terminals" defaultSize="70%" minSize="120px" className="panel">
              <TerminalWorkspace key={session.id} session={session} />
            </Panel>
          </Group>
        </Panel>
      </Group>
    </div>
  );
}
