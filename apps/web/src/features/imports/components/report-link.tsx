import { Anchor, Group, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getErrorMessage } from '@/lib/error-message';
import { importReportUrl, useDownloadImportReport } from '../api/download-import-report';

export interface ReportLinkProps {
  jobId: string;
  fileName: string;
  children: string;
  /** A longer spoken name when the visible text alone is ambiguous (tables). */
  ariaLabel?: string;
}

/**
 * A real link to report.csv (open-in-new-tab and the address still make sense), but a click
 * downloads through the API client, because the report needs the in-memory bearer token.
 */
export function ReportLink({ jobId, fileName, children, ariaLabel }: ReportLinkProps) {
  const { t } = useTranslation();
  const download = useDownloadImportReport();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (download.isPending) return;
    download.mutate(
      { id: jobId, fileName },
      { onError: (error) => notifications.show({ color: 'red.9', title: t('imports.report.failed'), message: getErrorMessage(error, t) }) },
    );
  };
  return (
    <Anchor href={importReportUrl(jobId)} onClick={handleClick} fw={600} aria-label={ariaLabel} aria-busy={download.isPending}>
      <Group gap={6} component="span" wrap="nowrap">
        {download.isPending ? <Loader size={14} aria-hidden="true" /> : <IconDownload size={16} aria-hidden="true" />}
        {children}
      </Group>
    </Anchor>
  );
}
