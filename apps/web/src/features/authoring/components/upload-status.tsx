import { Group, Loader, Text } from '@mantine/core';

export interface UploadStatusProps {
  pending: boolean;
  done: boolean;
  pendingLabel: string;
  doneLabel: string;
}

/** A live region under a file field: "uploading…" while the request runs, then "done". */
export function UploadStatus({ pending, done, pendingLabel, doneLabel }: UploadStatusProps) {
  return (
    <div role="status">
      {pending ? (
        <Group gap="xs">
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm">{pendingLabel}</Text>
        </Group>
      ) : done ? (
        <Text size="sm">{doneLabel}</Text>
      ) : null}
    </div>
  );
}
