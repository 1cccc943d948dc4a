import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'dialtone.js');

async function dialtone(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--data-dir', dataDir]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('dialtone ext (the CLI a new user types)', () => {
  it('adds with a generated password shown once, lists, refuses duplicates and weak passwords, removes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-cli-'));
    const added = await dialtone(dir, 'ext', 'add', '1001', '--name', 'Front desk');
    expect(added.code).toBe(0);
    const password = /Password: (\S+)/.exec(added.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect((await dialtone(dir, 'ext', 'list')).out).toMatch(/1001\s+Front desk/);
    expect((await dialtone(dir, 'ext', 'list')).out).not.toContain(password);

    const duplicate = await dialtone(dir, 'ext', 'add', '1001', '--password', 'another-one-1');
    expect(duplicate.code).toBe(1);
    expect(duplicate.out).toContain('already exists');
    const weak = await dialtone(dir, 'ext', 'add', '1002', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('at least 8 characters');

    expect((await dialtone(dir, 'ext', 'remove', '1001')).code).toBe(0);
    expect((await dialtone(dir, 'ext', 'list')).out).toContain('No extensions yet');
    expect((await dialtone(dir, 'ext', 'remove', '1001')).out).toContain('There is no extension 1001');
  });

  it('imports a CSV all or nothing, generating empty passwords', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-cli-'));
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'number,name,password\n2001,"Smith, Ann",password-2001\n2002,Bob,\n');
    const imported = await dialtone(dir, 'ext', 'import', good);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Imported 2 extensions.');
    expect(imported.out).toMatch(/2002: password \S{16,}/);
    expect((await dialtone(dir, 'ext', 'list')).out).toMatch(/2001\s+Smith, Ann/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '3001,Ok,password-3001\nnot a number!,Bad,password-x\n');
    const refused = await dialtone(dir, 'ext', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Line 2');
    expect((await dialtone(dir, 'ext', 'list')).out).not.toContain('3001');

    // A number that exists already undoes the whole import, not just its line.
    const clash = join(dir, 'clash.csv');
    writeFileSync(clash, '3002,Lab,lab-pass-3002\n2001,Clash,clash-pass-1\n');
    const clashed = await dialtone(dir, 'ext', 'import', clash);
    expect(clashed.code).toBe(1);
    expect(clashed.out).toContain('exist already: 2001');
    expect((await dialtone(dir, 'ext', 'list')).out).not.toContain('3002');
  });

  it('explains a mistyped command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-cli-'));
    const result = await dialtone(dir, 'ext', 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.out).toContain('Unknown action "frobnicate"');
  });
});
