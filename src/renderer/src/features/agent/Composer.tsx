import { useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import type { AgentState } from '../../../../shared/contract/agent';
import type { ModelChoice, ReasoningEffort } from '../../../../shared/contract/models';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { emptyComposerDraft } from '../../store/agentSlice';
import { findModel } from '../../store/modelsSlice';
import { goesWithNextMessage } from '../changes/commentGroups';
import { ReviewChip } from '../changes/ReviewChip';
import { PaperclipIcon } from './icons';
import { agentCall } from './agentCall';
import { AttachmentChip } from './AttachmentChip';
import { sendQueues, turnActive } from './agentStatus';
import { sendRefusal, toInput } from './attachments';
import { ModelPicker } from './ModelPicker';
import { NoModelNotice } from './NoModelNotice';
import { QueuedMessages } from './QueuedMessages';
import { readAttachments } from './readAttachments';

// The IME's key code while a composition is open (Safari and older Chromium report it so).
const imeKeyCode = 229;

/**
 * Where the user writes to the agent: Enter sends (Shift+Enter is a new line; Enter that ends an
 * IME composition does not), files come by the button, paste or drop, and while a turn runs a
 * message is queued and Esc stops. Nothing written is lost when a send fails.
 */
export function Composer({
  sessionId,
  state,
}: {
  sessionId: string;
  state: AgentState | undefined;
}) {
  const draft = useStore((s) => s.composerDrafts[sessionId] ?? emptyComposerDraft);
  const setDraft = useStore((s) => s.setComposerDraft);
  const providers = useStore((s) => s.providers);
  const providersLoaded = useStore((s) => s.providersLoaded);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // Pending review comments go with the next message: they alone are worth sending.
  const hasReview = useStore(
    (s) => s.reviewComments[sessionId]?.some(goesWithNextMessage) ?? false,
  );

  const chosen = findModel(providers, state?.model);
  // Unknown capabilities (a model the provider no longer lists) are left to the host to check.
  const model = state?.model
    ? { name: state.model.modelId, images: chosen?.model.images ?? true }
    : null;
  const noModel = state !== undefined && state.model === null && providersLoaded;
  const active = state ? turnActive(state.status) : false;
  const queues = state ? sendQueues(state.status) : false;

  const addFiles = async (files: File[]): Promise<void> => {
    if (files.length === 0) return;
    const existing = (useStore.getState().composerDrafts[sessionId] ?? emptyComposerDraft)
      .attachments;
    const { added, errors } = await readAttachments(files, existing, model);
    if (added.length > 0) {
      setDraft(sessionId, (d) => ({ ...d, attachments: [...d.attachments, ...added] }));
    }
    setError(errors.length > 0 ? errors.join(' ') : null);
  };

  const send = async (): Promise<void> => {
    const { text, attachments } =
      useStore.getState().composerDrafts[sessionId] ?? emptyComposerDraft;
    const review = useStore.getState().reviewComments[sessionId]?.some(goesWithNextMessage);
    if (sending || (text.trim() === '' && attachments.length === 0 && !review)) return;
    if (!state?.model) {
      // The notice above already says what to do; say it here only when there is none.
      if (!noModel) setError('Choose a model for this session first; your message stays here.');
      return;
    }
    const refusal = sendRefusal(attachments, model);
    if (refusal) {
      setError(refusal);
      return;
    }
    setSending(true);
    setError(null);
    const failed = await agentCall(() =>
      api().agent.send({
        sessionId,
        text,
        ...(attachments.length > 0 ? { attachments: attachments.map(toInput) } : {}),
      }),
    );
    setSending(false);
    if (failed) setError(failed);
    else setDraft(sessionId, () => emptyComposerDraft);
  };

  const stop = async (): Promise<void> => {
    setError(await agentCall(() => api().agent.stop({ sessionId })));
  };

  const configure = async (
    change: { model: ModelChoice } | { reasoning: ReasoningEffort },
  ): Promise<void> => {
    setError(await agentCall(() => api().agent.configure({ sessionId, ...change })));
  };

  const unqueue = async (id: string): Promise<void> => {
    setError(await agentCall(() => api().agent.unqueue({ sessionId, id })));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing || event.keyCode === imeKeyCode) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey) {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape' && active) {
      event.preventDefault();
      void stop();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    void addFiles(files);
  };

  const hasFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    void addFiles([...event.dataTransfer.files]);
  };

  const empty = draft.text.trim() === '' && draft.attachments.length === 0 && !hasReview;
  return (
    // The notice opens Settings in a dialog of its own forms: it stays outside the composer's form.
    <div
      className="composer"
      data-dragging={dragging || undefined}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {noModel && <NoModelNotice hasProviders={providers.some((p) => p.models.length > 0)} />}
      {state && <QueuedMessages queued={state.queued} onRemove={(id) => void unqueue(id)} />}
      <ReviewChip sessionId={sessionId} />
      {draft.attachments.length > 0 && (
        <ul className="chips" aria-label="Attachments to send">
          {draft.attachments.map((a) => (
            <li key={a.id}>
              <AttachmentChip
                name={a.name}
                bytes={a.bytes}
                image={a.data !== undefined}
                onRemove={() =>
                  setDraft(sessionId, (d) => ({
                    ...d,
                    attachments: d.attachments.filter((x) => x.id !== a.id),
                  }))
                }
              />
            </li>
          ))}
        </ul>
      )}
      <form
        className="composer-form"
        aria-label="Composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <textarea
          className="input textarea composer-text"
          aria-label="Message"
          placeholder={
            queues
              ? 'Write a message; it is sent when the agent is done'
              : hasReview
                ? 'Add a message to your review comments, or just send them'
                : 'Tell the agent what to do'
          }
          value={draft.text}
          readOnly={sending}
          rows={2}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(sessionId, (d) => ({ ...d, text }));
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {error && (
          <p className="field-error composer-error" role="alert">
            {error}
          </p>
        )}
        <div className="composer-bar">
          {state && (
            <ModelPicker state={state} disabled={sending} onConfigure={(c) => void configure(c)} />
          )}
          <span className="spacer" />
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label="Files to attach"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void addFiles(files);
            }}
          />
          <button
            type="button"
            className="icon-button"
            aria-label="Attach files"
            title="Attach files (or paste, or drop them here)"
            onClick={() => fileInput.current?.click()}
          >
            <PaperclipIcon />
          </button>
          {active && (
            <button
              type="button"
              className="button small"
              aria-label="Stop the agent"
              title="Stop the agent (Esc)"
              onClick={() => void stop()}
            >
              Stop
            </button>
          )}
          <button type="submit" className="button small primary" disabled={sending || empty}>
            {queues ? 'Queue' : 'Send'}
          </button>
        </div>
      </form>
    </div>
  );
}
