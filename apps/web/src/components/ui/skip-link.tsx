import type { MouseEvent } from 'react';
import classes from './skip-link.module.css';

export interface SkipLinkProps {
  /** id of the element that receives focus; it needs `tabIndex={-1}`. */
  targetId: string;
  children: string;
}

/** Visually hidden until focused; moves keyboard focus past the header to the main content. */
export function SkipLink({ targetId, children }: SkipLinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    // Focus programmatically so the URL keeps no fragment and focus really moves.
    event.preventDefault();
    target.focus();
    target.scrollIntoView?.({ block: 'start' });
  };
  return (
    <a href={`#${targetId}`} className={classes.skipLink} onClick={handleClick}>
      {children}
    </a>
  );
}
