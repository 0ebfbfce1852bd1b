import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Extra content under the description, e.g. actions. */
  children?: ReactNode;
}

/** The page's single `<h1>` with an optional lead paragraph. */
export function PageHeader({ title, description, children }: PageHeaderProps) {
  return (
    <Stack gap="sm" mb="xl">
      <Title order={1}>{title}</Title>
      {description ? (
        <Text size="lg" maw="70ch">
          {description}
        </Text>
      ) : null}
      {children}
    </Stack>
  );
}
