import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: 'tests/e2e', testMatch: 'zz-shoot.spec.ts', use: { baseURL: 'http://127.0.0.1:4330', launchOptions: { executablePath: '/usr/bin/chromium' } }, timeout: 120000 });
