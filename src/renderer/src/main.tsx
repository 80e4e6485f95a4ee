import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/dialogs.css';
import './styles/forms.css';
import './styles/sessions.css';
import './styles/workbench.css';
import './styles/terminals.css';
import './styles/projects.css';
import './styles/repositories.css';
import './styles/settings.css';
import './styles/agent.css';
import './styles/models.css';
import './styles/changes.css';
import './styles/review-comments.css';
import './styles/diff.css';
import './styles/ports.css';
import { App } from './app/App';
import { connect } from './rpc/connection';
import { startSync } from './store/sync';

startSync(connect());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
