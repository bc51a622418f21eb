import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/i18n';
import { App } from './ui/App';
import { startShareLink } from './ui/share/hashSync';
import './ui/styles.css';
import './ui/layout/layout.css';
import './ui/layout/dark.css';
import { startTheme } from './ui/layout/theme';
import { studioWorker } from './ui/bridge/studioWorker';

// The link's settings apply before the first render (they win over the saved ones).
startShareLink();
startTheme();
// The training worker loads while the page renders.
studioWorker.boot();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
