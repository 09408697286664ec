import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useModels } from './features/models/models-store';
import { useRuntime } from './features/runtime/runtime-store';
import { useSettings } from './features/settings/settings-store';
import { initI18n, resolveLanguage } from './i18n/i18n';
import './styles.css';

// Start-up: settings first (they decide the language), then the first data, then render.
const settings = await useSettings.getState().load();
const i18n = await initI18n(resolveLanguage(settings.language));
useSettings.subscribe((state, previous) => {
  if (state.settings && state.settings.language !== previous.settings?.language) {
    void i18n.changeLanguage(resolveLanguage(state.settings.language));
  }
});
await Promise.all([useModels.getState().refresh(), useRuntime.getState().refresh()]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
