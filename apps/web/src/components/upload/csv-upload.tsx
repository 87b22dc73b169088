'use client';
// Drag-and-drop CSV upload with a real progress bar: the bytes sent (XMLHttpRequest upload events), then
// the server's validation; on errors the report lists each problem. Datasets and feature files use it:
// each says where the file goes and how to read the server's answer.
import { useRouter } from 'next/navigation';
import { useRef, useState, type ReactNode } from 'react';

export interface UploadIssue {
  severity: string;
  code?: string;
  message: string;
  column?: string;
  rows?: number[];
}

export interface UploadOutcome {
  ok: boolean;
  message: string;
  issues: UploadIssue[];
}

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'validating' }
  | { kind: 'done' | 'failed'; message: string; issues: UploadIssue[] };

export interface CsvUploadProps {
  title: string;
  subtitle: string;
  /** Where to POST the file (null: not ready, e.g. a required field is empty; `blocked` says why). */
  target: (file: File) => string | null;
  blocked?: string;
  /** The server's answer in words (status and parsed JSON body, {} when it was not JSON). */
  outcome: (status: number, body: Record<string, unknown>) => UploadOutcome;
  /** Fields above the drop zone (name, day...). */
  children?: ReactNode;
  /** data-testid of the file input. */
  fileTestId: string;
}

export function CsvUpload({ title, subtitle, target, blocked, outcome, children, fileTestId }: CsvUploadProps) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [state, setState] = useState<UploadState>({ kind: 'idle' });

  function send(file: File) {
    const url = target(file);
    if (!url) {
      setState({ kind: 'failed', message: blocked ?? 'Fill in the fields above first.', issues: [] });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => setState({ kind: 'uploading', sent: event.loaded, total: event.total || file.size });
    xhr.upload.onload = () => setState({ kind: 'validating' });
    xhr.onerror = () => setState({ kind: 'failed', message: 'The upload did not reach the server.', issues: [] });
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        /* the outcome says what the status means */
      }
      const result = outcome(xhr.status, body);
      setState({ kind: result.ok ? 'done' : 'failed', message: result.message, issues: result.issues });
      if (result.ok) router.refresh();
    };
    setState({ kind: 'uploading', sent: 0, total: file.size });
    xhr.send(file);
  }

  const percent =
    state.kind === 'uploading' && state.total > 0 ? Math.round((state.sent / state.total) * 100) : state.kind === 'validating' ? 100 : 0;
  return (
    <section className="card">
      <div className="card__header">
        <h2>{title}</h2>
        <span className="card__subtitle">{subtitle}</span>
      </div>
      <div className="card__body stack">
        {children}
        <div
          className={`dropzone${over ? ' dropzone--over' : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            const file = e.dataTransfer.files[0];
            if (file) send(file);
          }}
          onClick={() => input.current?.click()}
          role="button"
          tabIndex={0}
          style={{
            border: '2px dashed #9aa5b8',
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
            cursor: 'pointer',
            background: over ? '#eef3fb' : undefined,
          }}
        >
          Drop a CSV here, or click to choose one
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            hidden
            data-testid={fileTestId}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) send(file);
              e.target.value = ''; // the same file again (corrected) must fire another change
            }}
          />
        </div>
        {state.kind === 'uploading' || state.kind === 'validating' ? (
          <div>
            <progress max={100} value={percent} style={{ width: '100%' }} aria-label="Upload progress" data-testid="upload-progress" />
            <div className="muted">
              {state.kind === 'uploading'
                ? `Uploading and validating… ${(state.sent / 1e6).toFixed(1)} of ${(state.total / 1e6).toFixed(1)} MB (${percent}%)`
                : 'Finishing validation…'}
            </div>
          </div>
        ) : null}
        {state.kind === 'done' || state.kind === 'failed' ? (
          <div
            role="status"
            data-testid="upload-result"
            className={state.kind === 'failed' ? 'alert alert--error' : 'alert alert--success'}
          >
            <p>{state.message}</p>
            {state.issues.length > 0 ? (
              <ul>
                {state.issues.map((issue, i) => (
                  <li key={i}>
                    <strong>{issue.severity}</strong> {issue.column ? `[column ${issue.column}] ` : ''}
                    {issue.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
