import { Button, Loader, type ButtonProps } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface RefreshButtonProps extends Pick<ButtonProps, 'color' | 'size' | 'variant' | 'mt'> {
  onClick: () => void;
  /** Shows a spinner. The button stays enabled so keyboard focus is not lost while busy. */
  busy: boolean;
  children: ReactNode;
}

export function RefreshButton({ onClick, busy, children, size = 'sm', ...buttonProps }: RefreshButtonProps) {
  return (
    <Button
      {...buttonProps}
      size={size}
      onClick={onClick}
      aria-busy={busy}
      leftSection={busy ? <Loader size={16} color="currentColor" aria-hidden="true" /> : <IconRefresh size={18} aria-hidden="true" />}
    >
      {children}
    </Button>
  );
}
