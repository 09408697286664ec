#!/usr/bin/env node
// The `studio` command. In a checkout the TypeScript sources run directly through tsx; a packaged app
// uses its bundled CLI instead.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
