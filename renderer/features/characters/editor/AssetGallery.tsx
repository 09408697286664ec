import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardAssetInfo } from '../../../../shared/contract/domains/packs';
import { formatBytes } from '../../../../shared/text/format-bytes';
import { studio } from '../../../transport/studio-client';
import { useEditor } from './editor-store';

/** The assets of the character's card (expressions, backgrounds…), loaded when another character opens. */
function useAssets(id: string): CardAssetInfo[] | null {
  const [assets, setAssets] = useState<CardAssetInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    setAssets(null);
    void studio.packs.assets({ id }).then((list) => live && setAssets(list), () => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return assets;
}

function AssetCard({ asset }: { asset: CardAssetInfo }) {
  const { t } = useTranslation('characters');
  const where = asset.sizeBytes !== null ? formatBytes(asset.sizeBytes) : asset.path !== null ? t('assets.missing') : t('assets.link');
  return (
    <li className="asset-card" data-testid="asset-item" title={asset.path ?? asset.uri ?? ''}>
      <div className="asset-thumb">
        {asset.preview ? (
          <img src={`data:${asset.preview.mediaType};base64,${asset.preview.dataBase64}`} alt={t('assets.alt', { name: asset.name, type: asset.type })} />
        ) : (
          <span>{asset.ext.toUpperCase() || '?'}</span>
        )}
      </div>
      <span className="asset-name">{asset.name}</span>
      <span className="badge">{asset.type}</span>
      <small className="cfield-hint">{where}</small>
    </li>
  );
}

/** A small gallery of the card's assets with their names and types; nothing when the card had none. */
export function AssetGallery() {
  const { t } = useTranslation('characters');
  const id = useEditor((s) => s.draft!.id);
  const assets = useAssets(id);
  if (!assets || assets.length === 0) return null;
  return (
    <div className="asset-gallery" data-testid="asset-gallery">
      <h3>{t('assets.heading', { count: assets.length })}</h3>
      <ul>
        {assets.map((asset, index) => (
          <AssetCard key={`${index}:${asset.path ?? asset.uri}`} asset={asset} />
        ))}
      </ul>
      <small className="cfield-hint">{t('assets.hint')}</small>
    </div>
  );
}
