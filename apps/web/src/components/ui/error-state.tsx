import { Stack, Text, ThemeIcon, Title, type MantineColor, type TitleOrder } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface ErrorStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** Heading level of the title; 1 when the state is the whole page. */
  titleOrder?: TitleOrder;
  /** Decorative glyph; defaults to a warning triangle. */
  icon?: ReactNode;
  iconColor?: MantineColor;
  /** Additional content, e.g. a request id. */
  children?: ReactNode;
  actions?: ReactNode;
}

/** A centred message for error and not-found states. */
export function ErrorState({
  title,
  description,
  titleOrder = 1,
  icon,
  iconColor = 'red.9',
  children,
  actions,
}: ErrorStateProps) {
  return (
    <Stack align="center" ta="center" gap="md" py="xl" maw={640} mx="auto">
      <ThemeIcon size={72} radius="xl" variant="light" color={iconColor} aria-hidden="true">
        {icon ?? <IconAlertTriangle size={40} />}
      </ThemeIcon>
      <Title order={titleOrder}>{title}</Title>
      {description ? <Text size="lg">{description}</Text> : null}
      {children}
      {actions}
    </Stack>
  );
}
