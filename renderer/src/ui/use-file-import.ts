import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';
import { errorDetails } from './error-details';
import { readUpload } from './read-upload';

type ImportState<R> = { kind: 'idle' } | { kind: 'importing' } | { kind: 'done'; result: R } | { kind: 'failed'; message: string };

/**
 * A form that sends one picked text file to the engine; `cliHint` names the
 * command that imports a file too large for the browser. After a failure the
 * file input takes the focus back, since the fieldset, disabled while
 * importing, dropped it.
 */
export function useFileImport<R>({
  send,
  cliHint,
  onImported,
  onFailed,
}: {
  send: (client: ContractClient, text: string) => Promise<R>;
  cliHint: string;
  onImported?: (result: R) => void;
  onFailed?: () => void;
}) {
  const client = useEngine((s) => s.client);
  const [file, setFile] = useState<File | undefined>();
  const [state, setState] = useState<ImportState<R>>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.kind === 'failed') fileInput.current?.focus();
  }, [state]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!client || !file) return;
    const form = event.currentTarget;
    setState({ kind: 'importing' });
    try {
      const result = await send(client, await readUpload(file, cliHint));
      form.reset();
      setFile(undefined);
      setState({ kind: 'done', result });
      onImported?.(result);
    } catch (error) {
      setState({ kind: 'failed', message: errorDetails(error).message });
      onFailed?.();
    }
  }

  return {
    state,
    submit,
    picked: file !== undefined,
    /** The file input's ref and change handler. */
    input: {
      ref: fileInput,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        setFile(event.target.files?.[0]);
        setState({ kind: 'idle' });
      },
    },
    error: state.kind === 'failed' ? state.message : undefined,
  };
}
