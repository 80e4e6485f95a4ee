import type { KeyboardEvent } from 'react';
import type { Terminal } from '../../../../shared/contract/terminals';
import { TerminalTab } from './TerminalTab';

interface TerminalTabStripProps {
  tabs: Terminal[];
  activeId: string | undefined;
  canOpen: boolean;
  onSelect(id: string, focusTerminal: boolean): void;
  onClose(id: string): void;
  onOpen(): void;
}

/** The tab strip: left and right arrows (and Home, End) move between tabs. */
export function TerminalTabStrip(props: TerminalTabStripProps) {
  const { tabs, activeId, canOpen, onSelect, onClose, onOpen } = props;

  const move = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = tabs.findIndex((t) => t.id === activeId);
    const target =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!target || !(event.target instanceof HTMLButtonElement)) return;
    event.preventDefault();
    onSelect(target.id, false);
    document.getElementById(`terminal-tab-${target.id}`)?.focus();
  };

  return (
    <div className="terminal-strip">
      <div role="tablist" aria-label="Terminals" className="terminal-tabs" onKeyDown={move}>
        {tabs.map((tab) => (
          <TerminalTab
            key={tab.id}
            terminal={tab}
            selected={tab.id === activeId}
            onSelect={() => onSelect(tab.id, true)}
            onClose={() => onClose(tab.id)}
          />
        ))}
      </div>
      <button
        type="button"
        className="icon-button new-terminal"
        aria-label="New terminal"
        title="New terminal (Ctrl+Shift+`)"
        disabled={!canOpen}
        onClick={onOpen}
      >
        +
      </button>
    </div>
  );
}
