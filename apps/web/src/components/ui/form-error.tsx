import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface FormErrorProps {
  children: ReactNode;
  title?: string;
}

/** A form-level error, announced when it appears. */
export function FormError({ children, title }: FormErrorProps) {
  return (
    <Alert
      color="red.9"
      variant="light"
      role="alert"
      title={title}
      icon={<IconAlertTriangle aria-hidden="true" />}
      styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
    >
      <Text size="sm" c="gray.9">
        {children}
      </Text>
    </Alert>
  );
}
