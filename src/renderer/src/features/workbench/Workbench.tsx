import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { Session } from '../../../../shared/contract/sessions';
import { TerminalWorkspace } from '../terminals/TerminalWorkspace';
import { CreationProgress } from './CreationProgress';
import { OverviewPanel } from './OverviewPanel';
import { WorkbenchHeader } from './WorkbenchHeader';

/** One session: its header, creation progress, the overview and the terminals. */
export function Workbench({ session }: { session: Session }) {
  const layout = useDefaultLayout({ id: 'berth.workbench', storage: window.localStorage });
  return (
    <div className="workbench">
      <WorkbenchHeader session={session} />
      {session.status === 'creating' && <CreationProgress session={session} />}
      <Group
        orientation="vertical"
        className="workbench-panels"
        defaultLayout={layout.defaultLayout}
        onLayoutChanged={layout.onLayoutChanged}
      >
        <Panel id="overview" defaultSize="30%" minSize="64px" className="panel">
          <OverviewPanel session={session} />
        </Panel>
        <Separator className="separator horizontal" />
        <Panel id="terminals" defaultSize="70%" minSize="120px" className="panel">
          <TerminalWorkspace key={session.id} session={session} />
        </Panel>
      </Group>
    </div>
  );
}
