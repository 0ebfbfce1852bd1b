import { Center, Group, Loader, Text } from '@mantine/core';

export interface PageLoaderProps {
  label: string;
}

/** A polite "loading" status for a whole page or section. */
export function PageLoader({ label }: PageLoaderProps) {
  return (
    <Center py="xl">
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden="true" />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}
