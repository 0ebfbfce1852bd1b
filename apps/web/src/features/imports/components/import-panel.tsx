import { Anchor, Button, Card, Code, Group, Input, List, Stack, Text, Title } from '@mantine/core';
import { IMPORT_COLUMNS } from '@bdhv/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { IconFileDownload, IconUpload } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { getErrorMessage } from '@/lib/error-message';
import { queryKeyRoots } from '@/lib/query-keys';
import { useImportJob } from '../api/get-import';
import { importsQueryKeys, isImportActive } from '../api/keys';
import { useUploadImport } from '../api/upload-import';
import { checkImportFile, IMPORT_ACCEPT, type ImportFileProblem } from '../utils/file';
import { IMPORT_TEMPLATE_FILE_NAME, importTemplateHref } from '../utils/template';
import { ImportProgress } from './import-progress';
import { RecentImports } from './recent-imports';
import fileInputClasses from '@/components/ui/file-input.module.css';

/** Upload an officials file, follow its progress, and see recent imports. */
export function ImportPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const titleId = useId();
  // Input.Wrapper derives the label's `for` and these ids from `inputId`.
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<ImportFileProblem | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);
  const upload = useUploadImport();
  const job = useImportJob(jobId);

  // When the job finishes, the list of recent imports (and users, units) is out of date.
  const finished = job.data !== undefined && !isImportActive(job.data);
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: importsQueryKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: queryKeyRoots.users });
    void queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits });
  }, [finished, queryClient]);

  const handleFileChange = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0] ?? null;
    setFile(chosen);
    setProblem(chosen ? checkImportFile(chosen) : null);
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fileProblem = checkImportFile(file);
    setProblem(fileProblem);
    if (fileProblem || !file) {
      fileRef.current?.focus();
      return;
    }
    upload.mutate(file, {
      onSuccess: (created) => {
        setJobId(created.id);
        setFile(null);
        // A fresh input, so the same file can be chosen again later.
        setInputKey((key) => key + 1);
      },
    });
  };

  return (
    <Stack gap="xl">
      <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Title order={2} size="h3" id={titleId}>
            {t('imports.upload.title')}
          </Title>
          <Text>{t('imports.upload.intro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              {t('imports.upload.columns')} <Code>{IMPORT_COLUMNS.join(', ')}</Code>
            </List.Item>
            <List.Item>{t('imports.upload.audiencesHint')}</List.Item>
            <List.Item>{t('imports.upload.limits')}</List.Item>
          </List>
          <Group>
            <Anchor href={importTemplateHref()} download={IMPORT_TEMPLATE_FILE_NAME} fw={600}>
              <Group gap={6} component="span" wrap="nowrap">
                <IconFileDownload size={18} aria-hidden="true" />
                {t('imports.upload.template')}
              </Group>
            </Anchor>
          </Group>
          <form onSubmit={handleSubmit} noValidate>
            <Stack gap="md">
              {upload.isError ? <FormError title={t('imports.upload.failed')}>{getErrorMessage(upload.error, t)}</FormError> : null}
              <Input.Wrapper
                label={t('imports.upload.fileLabel')}
                description={t('imports.upload.fileHint')}
                error={problem ? t(`imports.upload.problems.${problem}`) : undefined}
                id={inputId}
              >
                <input
                  key={inputKey}
                  ref={fileRef}
                  id={inputId}
                  type="file"
                  name="file"
                  accept={IMPORT_ACCEPT}
                  className={fileInputClasses.fileInput}
                  onChange={handleFileChange}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${descriptionId} ${errorId}` : descriptionId}
                />
              </Input.Wrapper>
              <Group>
                <Button type="submit" size="md" loading={upload.isPending} leftSection={<IconUpload size={18} aria-hidden="true" />}>
                  {t('imports.upload.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Card>

      {job.data ? <ImportProgress job={job.data} /> : null}
      {job.isError && !job.data ? <FormError>{getErrorMessage(job.error, t)}</FormError> : null}

      <RecentImports />
    </Stack>
  );
}
