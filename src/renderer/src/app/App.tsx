import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { Toasts } from '../components/Toasts';
import { Workbench } from '../features/workbench/Workbench';
import { useStore } from '../store';
import { EmptyState } from './EmptyState';
import { ReconnectBanner } from './ReconnectBanner';
import { Sidebar } from './Sidebar';

/** The window: the sidebar, and the selected session's workbench (or an empty state). */
export function App() {
  const layout = useDefaultLayout({ id: 'berth.app', storage: window.localStorage });
  const session = useStore((s) => s.sessions.find((x) => x.id === s.selectedSessionId));
  const loaded = useStore((s) => s.sessionsLoaded);

  return (
    <div className="app">
      <ReconnectBanner />
      <Group
        orientation="horizontal"
        className="app-panels"
        defaultLayout={layout.defaultLayout}
        onLayoutChanged={layout.onLayoutChanged}
      >
        <Panel
          id="sidebar"
          defaultSize="260px"
          minSize="200px"
          maxSize="480px"
          groupResizeBehavior="preserve-pixel-size"
          className="panel"
        >
          <Sidebar />
        </Panel>
        <Separator className="separator vertical" />
        <Panel id="main" minSize="360px" className="panel">
          <main className="main">
            {session ? <Workbench key={session.id} session={session} /> : loaded && <EmptyState />}
          </main>
        </Panel>
      </Group>
      <Toasts />
    </div>
  );
}
