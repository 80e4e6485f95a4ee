import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

interface MdNode {
  type: string;
  children?: MdNode[];
}

/** Raw HTML in the model's text becomes plain text: shown as written, never rendered. */
function htmlAsText() {
  const walk = (node: MdNode): void => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return walk;
}

const remarkPlugins = [remarkGfm, htmlAsText];
// Code in languages it does not know stays plain; no guessing (it is slow and often wrong).
const rehypePlugins = [[rehypeHighlight, { detect: false }] as [typeof rehypeHighlight, object]];

const components: Components = {
  // The model's links open outside the workbench, and the page they open cannot reach back.
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
  // Wide tables scroll inside the bubble instead of widening the panel.
  table: ({ node: _node, ...rest }) => (
    <div className="md-table">
      <table {...rest} />
    </div>
  ),
};

/**
 * The model's text as markdown (GitHub flavour). Raw HTML is never rendered: it shows as the
 * text it is. `live` skips highlighting, since streamed text is parsed again every frame.
 */
export const Markdown = memo(function Markdown({
  text,
  live = false,
}: {
  text: string;
  live?: boolean;
}) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={live ? undefined : rehypePlugins}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
