import type { Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CharactersPage } from './characters-page';

/** Creates one example character (or a blank one), its editor open, and returns its id. */
export async function newExampleCharacter(page: Page, url: string, exampleId: string | 'blank' = 'tea-house-owner'): Promise<string> {
  const characters = new CharactersPage(page);
  await characters.open(url);
  await (exampleId === 'blank' ? characters.newBlank() : characters.newFromExample(exampleId));
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
}

/**
 * The start of most journeys: a fresh studio with the demo model installed and one example character
 * (or a blank one) created, its editor open. Returns the app page and the character's id.
 */
export async function demoStudioWithExample(page: Page, url: string, exampleId: string | 'blank' = 'tea-house-owner'): Promise<{ app: AppPage; characterId: string }> {
  const app = new AppPage(page);
  await app.open(url);
  await app.installDemoModel();
  return { app, characterId: await newExampleCharacter(page, url, exampleId) };
}
