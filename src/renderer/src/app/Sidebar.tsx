import { EngineStatus } from '../features/engine/EngineStatus';
import { RemoteEngines } from '../features/engine/RemoteEngines';
import { ProjectsSection } from '../features/projects/ProjectsSection';
import { NewSessionButton } from '../features/sessions/NewSessionButton';
import { SessionList } from '../features/sessions/SessionList';
import { SharedSessions } from '../features/sessions/SharedSessions';
import { SettingsButton } from '../features/settings/SettingsButton';

export function Sidebar() {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Berth</span>
      </div>
      <EngineStatus />
      <RemoteEngines />
      <ProjectsSection />
      <div className="sidebar-section">
        <span className="section-title">Sessions</span>
        <NewSessionButton className="button small" />
      </div>
      <SessionList />
      <SharedSessions />
      <div className="sidebar-footer">
        <SettingsButton />
      </div>
    </aside>
  );
}
