import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint rule enforces the process boundaries', () => {
  it('fails an electron import under main/pbx', async () => {
    const errors = await restrictedImportErrors('main/pbx/api/bad.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errors).toEqual([expect.stringContaining('never imports electron')]);
  });

  it('fails an import of main/ from the renderer', async () => {
    const errors = await restrictedImportErrors('renderer/src/bad.ts', "import { createPbx } from '../../main/pbx/pbx';\nexport const x = createPbx;\n");
    expect(errors).toEqual([expect.stringContaining('only through the contract')]);
  });

  it('fails an import of main/app from the engine', async () => {
    const errors = await restrictedImportErrors('main/pbx/pbx-bad.ts', "import { APP_ORIGIN } from '../app/app-protocol';\nexport const x = APP_ORIGIN;\n");
    expect(errors).toHaveLength(1);
  });

  it('fails an upward import from main/pbx/sip', async () => {
    const errors = await restrictedImportErrors('main/pbx/sip/bad.ts', "import { createPbx } from '../pbx';\nexport const x = createPbx;\n");
    expect(errors).toEqual([expect.stringContaining('knows nothing above it')]);
  });

  it('fails node: modules in shared/', async () => {
    const errors = await restrictedImportErrors('shared/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(errors).toHaveLength(1);
  });

  it('lets the Electron layer import electron and the engine', async () => {
    const code = "import { app } from 'electron';\nimport { createPbx } from '../pbx/pbx';\nexport const x = [app, createPbx];\n";
    expect(await restrictedImportErrors('main/app/ok.ts', code)).toEqual([]);
  });
});
