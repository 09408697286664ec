import { useTranslation } from 'react-i18next';
import { DesktopNotices } from '../desktop/DesktopNotices';
import { CharactersView } from '../features/characters/CharactersView';
import { ChatSection } from '../features/chat/ChatSection';
import { ModelsView } from '../features/models/ModelsView';
import { PacksView } from '../features/packs/PacksView';
import { EmptySection } from '../features/placeholders/EmptySection';
import { SettingsView } from '../features/settings/SettingsView';
import { DemoModelOffer } from '../features/welcome/DemoModelOffer';
import { AppFrame } from './AppFrame';
import { useRoute, type Section } from './route-store';

function SectionView({ section }: { section: Section }) {
  const { t } = useTranslation('app');
  switch (section) {
    case 'characters':
      return <CharactersView />;
    case 'chat':
      return <ChatSection />;
    case 'models':
      return <ModelsView />;
    case 'packs':
      return <PacksView />;
    case 'settings':
      return <SettingsView />;
    default:
      return <EmptySection title={t(`nav.${section}`)} text={t(`empty.${section}`)} />;
  }
}

/** The studio: frame, the first-run demo offer, and the selected section. */
export function App() {
  const section = useRoute((s) => s.section);
  return (
    <AppFrame>
      <DemoModelOffer />
      <SectionView section={section} />
      <DesktopNotices />
    </AppFrame>
  );
}
