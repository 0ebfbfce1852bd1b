import { Badge } from '@mantine/core';
import { IconAlertTriangleFilled, IconCircleCheckFilled, IconInfoCircleFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type StatusTone = 'success' | 'danger' | 'neutral';

// Shade 9 keeps white text above WCAG AA contrast (4.5:1).
const toneColor: Record<StatusTone, string> = { success: 'teal.9', danger: 'red.9', neutral: 'gray.8' };
const toneIcon: Record<StatusTone, typeof IconCircleCheckFilled> = {
  success: IconCircleCheckFilled,
  danger: IconAlertTriangleFilled,
  neutral: IconInfoCircleFilled,
};

export interface StatusBadgeProps {
  tone: StatusTone;
  children: ReactNode;
}

/** A status pill: the text carries the meaning, colour and icon only reinforce it. */
export function StatusBadge({ tone, children }: StatusBadgeProps) {
  const Icon = toneIcon[tone];
  return (
    <Badge
      color={toneColor[tone]}
      variant="filled"
      size="lg"
      radius="sm"
      tt="none"
      leftSection={<Icon size={14} aria-hidden="true" />}
      data-tone={tone}
      style={{ flexShrink: 0 }}
    >
      {children}
    </Badge>
  );
}
