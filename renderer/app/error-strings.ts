import { defineStrings } from '../i18n/define-strings';
import type { StudioErrorCode } from '../../shared/contract/errors';

// One sentence per error code, and the pieces that name what the error is about. The service's own
// message is English (it is what the CLI and the logs print); the Chinese UI leads with these and keeps
// that message as the detail.

type CodeSentences = Record<StudioErrorCode, string>;

const en: { code: CodeSentences; place: { file: string; line: string; field: string }; placed: string; plain: string } = {
  code: {
    invalid_input: 'This input is not accepted',
    not_found: 'Not found',
    conflict: 'This conflicts with what is already there',
    unsupported: 'This is not supported',
    bad_file: 'This file cannot be used',
    cancelled: 'Stopped',
    unauthorized: 'Not allowed',
    failed: 'Something went wrong',
  },
  place: { file: 'file {{file}}', line: 'line {{line}}', field: 'field {{field}}' },
  placed: '{{headline}} ({{place}}). Details: {{message}}',
  plain: '{{headline}}. Details: {{message}}',
};

export const errorStrings = defineStrings({
  en,
  'zh-CN': {
    code: {
      invalid_input: '输入的内容不被接受',
      not_found: '找不到要找的内容',
      conflict: '与已有内容冲突',
      unsupported: '不支持这项操作',
      bad_file: '这个文件无法使用',
      cancelled: '已停止',
      unauthorized: '没有权限',
      failed: '出错了',
    },
    place: { file: '文件 {{file}}', line: '第 {{line}} 行', field: '字段 {{field}}' },
    placed: '{{headline}}（{{place}}）。详情（英文）：{{message}}',
    plain: '{{headline}}。详情（英文）：{{message}}',
  },
});
