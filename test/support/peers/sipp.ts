import { scenarioErrors } from '../sipp-errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from './child-process';
import { freeSipPort } from './free-port';
import type { Endpoint } from './sip-requests';

export interface SippRun {
  scenario: string;
  injectionFile: string;
  transport: 'u1' | 't1';
  target: Endpoint;
  calls: number;
  ratePerSecond: number;
  /** SIPp's own global timeout; the process is killed 10 s after it. */
  timeoutSeconds: number;
  /** Where SIPp writes its statistics and error log. */
  workDir: string;
}

export interface SippStats {
  exitCode: number | null;
  created: number;
  successful: number;
  failed: number;
  /** Unexpected messages SIPp logged (empty when there were none). */
  errors: string;
  output: string;
}

/** The last row of SIPp's -trace_stat CSV, by column name (the cumulative "(C)" counters). */
function lastStatRow(csv: string): Map<string, string> {
  const lines = csv.trim().split('\n');
  const names = (lines[0] ?? '').split(';');
  const values = (lines.at(-1) ?? '').split(';');
  return new Map(names.map((name, i) => [name, values[i] ?? '']));
}

/** Runs SIPp as a UAC to completion and reads its final statistics. */
export async function runSipp(run: SippRun): Promise<SippStats> {
  const statFile = join(run.workDir, `sipp-${run.transport}-stats.csv`);
  const errorFile = join(run.workDir, `sipp-${run.transport}-errors.log`);
  const args = [
    '-sf', run.scenario,
    '-inf', run.injectionFile,
    '-i', '127.0.0.1',
    '-p', String(await freeSipPort()),
    '-t', run.transport,
    `${run.target.host}:${run.target.port}`,
    '-m', String(run.calls),
    '-r', String(run.ratePerSecond),
    // The default 64 KB socket buffer drops packets under load (shared/sip/README.md).
    '-buff_size', '4194304',
    '-nostdin',
    '-timeout', `${run.timeoutSeconds}s`,
    '-timeout_error',
    '-trace_stat', '-stf', statFile, '-fd', '1',
    '-trace_err', '-error_file', errorFile,
  ];
  const result = await runProcess('sipp', args, (run.timeoutSeconds + 10) * 1000, { cwd: run.workDir });
  if (!existsSync(statFile)) throw new Error(`SIPp wrote no statistics (exit ${result.code}):\n${result.output.slice(-2000)}`);
  const row = lastStatRow(readFileSync(statFile, 'utf8'));
  const count = (name: string) => Number(row.get(name));
  return {
    exitCode: result.code,
    created: count('TotalCallCreated'),
    successful: count('SuccessfulCall(C)'),
    failed: count('FailedCall(C)'),
    errors: existsSync(errorFile) ? scenarioErrors(readFileSync(errorFile, 'utf8')) : '',
    output: result.output.slice(-2000),
  };
}
