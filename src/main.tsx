import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/i18n';
import { App } from './ui/App';
import { startShareLink } from './ui/share/hashSync';
import './ui/styles.css';

// The link's settings apply before the first render (they win over the saved ones).
startShareLink();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
