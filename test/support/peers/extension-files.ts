import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestExtension {
  number: string;
  password: string;
}

/** `count` extensions from `first` on, each with its own password of at least 8 characters. */
export function numberedExtensions(first: number, count: number): TestExtension[] {
  return Array.from({ length: count }, (_, i) => {
    const number = String(first + i);
    return { number, password: `pw-${number}-secret` };
  });
}

/** The file `dialtone ext import` reads: a header, then `number,name,password` per line. */
export function writeImportCsv(dir: string, extensions: readonly TestExtension[]): string {
  const file = join(dir, 'extensions.csv');
  const lines = extensions.map((e) => `${e.number},Phone ${e.number},${e.password}`);
  writeFileSync(file, ['number,name,password', ...lines, ''].join('\n'));
  return file;
}

/** SIPp's injection file (-inf): field0 = user, field1 = password, read in order. */
export function writeSippInjectionFile(dir: string, extensions: readonly TestExtension[]): string {
  const file = join(dir, 'sipp-users.csv');
  writeFileSync(file, ['SEQUENTIAL', ...extensions.map((e) => `${e.number};${e.password}`), ''].join('\n'));
  return file;
}
