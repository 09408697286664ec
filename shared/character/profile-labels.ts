import type { Character } from './character-schema';

// Labels the profile is rendered with, per character language. They are model input, not UI strings:
// they live here (not in the renderer's i18n) so the rendered bot_info never depends on the UI language.

/** Everything language-specific in a rendered profile. */
export interface ProfileLabels {
  identity: string;
  interests: string;
  viewpoints: string;
  experiences: string;
  achievements: string;
  relationships: string;
  other: string;
  linguisticStyle: string;
  personality: string;
  emotionalExpression: string;
  interactionPatterns: string;
  scenario: string;
  colon: string;
  listSeparator: string;
  relationship: (name: string, relation: string) => string;
  defaultUserName: string;
}

const zh: ProfileLabels = {
  identity: '身份',
  interests: '兴趣',
  viewpoints: '观点',
  experiences: '经历',
  achievements: '成就',
  relationships: '社交关系',
  other: '其他',
  linguisticStyle: '语言特征',
  personality: '性格',
  emotionalExpression: '情感表达',
  interactionPatterns: '交互模式',
  scenario: '场景',
  colon: '：',
  listSeparator: '；',
  relationship: (name, relation) => `${name}（${relation}）`,
  defaultUserName: '用户',
};

const en: ProfileLabels = {
  identity: 'Identity',
  interests: 'Interests',
  viewpoints: 'Viewpoints',
  experiences: 'Experiences',
  achievements: 'Achievements',
  relationships: 'Social relationships',
  other: 'Other',
  linguisticStyle: 'Linguistic style',
  personality: 'Personality',
  emotionalExpression: 'Emotional expression',
  interactionPatterns: 'Interaction patterns',
  scenario: 'Scenario',
  colon: ': ',
  listSeparator: '; ',
  relationship: (name, relation) => `${name} (${relation})`,
  defaultUserName: 'User',
};

/** The labels for a character's profile language. */
export function profileLabels(language: Character['language']): ProfileLabels {
  return language === 'en' ? en : zh;
}
