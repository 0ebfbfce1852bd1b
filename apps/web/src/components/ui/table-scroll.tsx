import type { ReactNode } from 'react';
import classes from './table-scroll.module.css';

export interface TableScrollProps {
  /** Names the scrollable region for assistive technology. */
  label: string;
  children: ReactNode;
}

/**
 * Lets a wide table scroll sideways inside itself on phones instead of widening the page.
 * The region is focusable so keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: TableScrollProps) {
  return (
    <div className={classes.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
