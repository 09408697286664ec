import { useTranslation } from 'react-i18next';
import { DesktopNotices } from '../desktop/DesktopNotices';
import { CharactersView } from '../features/characters/CharactersView';
import { ChatSection } from '../features/chat/ChatSection';
import { ModelsView } from '../features/models/ModelsView';
import { PacksView } from '../features/packs/PacksView';
import { EmptySection } from '../features/placeholders/EmptySection';
import { SettingsView } from '../features/settings/SettingsView';
import { TrainingSection } from '../features/training/TrainingSection';
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
    case 'training':
      return <TrainingSection />;
    default:
      // every section has its view now; kept for sections added before their view exists
      return <EmptySection title={t(`nav.${section as string}`)} text={t(`empty.${section as string}`)} />;
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
