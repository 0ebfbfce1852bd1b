import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { CourseDetail } from '@bdhv/contracts';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-error';
import { useRemoveCourseCover } from '../api/remove-course-cover';
import { useUploadCourseCover } from '../api/upload-course-cover';
import { authoringErrorMessage } from '../utils/errors';
import { checkCoverFile, COVER_ACCEPT, type FileProblem } from '../utils/files';
import { FileField } from './file-field';
import classes from './authoring.module.css';

export interface CoverImageFieldProps {
  course: CourseDetail;
  readOnly: boolean;
}

/** Shows the cover; choosing an image uploads it at once (replacing the old one); removal asks first. */
export function CoverImageField({ course, readOnly }: CoverImageFieldProps) {
  const { t } = useTranslation();
  const upload = useUploadCourseCover();
  const remove = useRemoveCourseCover();
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [confirming, setConfirming] = useState(false);

  const handleFile = (file: File) => {
    const found = checkCoverFile(file);
    setProblem(found);
    remove.reset();
    if (found) return;
    upload.mutate({ courseId: course.id, file });
  };

  const error = upload.isError ? upload.error : remove.isError ? remove.error : null;

  return (
    <Stack gap="md">
      {course.coverUrl ? (
        <img src={course.coverUrl} alt={t('authoring.cover.currentAlt', { title: course.title })} className={classes.cover} />
      ) : (
        <Text c="dimmed">{t('authoring.cover.none')}</Text>
      )}
      {error ? <FormError title={t('authoring.cover.failed')}>{authoringErrorMessage(error, t)}</FormError> : null}
      {readOnly ? null : (
        <>
          <FileField
            label={t('authoring.cover.choose')}
            description={t('authoring.cover.hint')}
            error={problem ? t(`authoring.cover.problems.${problem}`) : undefined}
            accept={COVER_ACCEPT}
            disabled={upload.isPending}
            onFile={handleFile}
          />
          <Group gap="sm">
            {upload.isPending ? (
              <Group gap="xs" role="status">
                <Loader size="sm" aria-hidden="true" />
                <Text size="sm">{t('authoring.cover.uploading')}</Text>
              </Group>
            ) : null}
            {course.coverUrl ? (
              <Button variant="outline" color="red.9" leftSection={<IconTrash size={18} aria-hidden="true" />} onClick={() => setConfirming(true)}>
                {t('authoring.cover.remove')}
              </Button>
            ) : null}
          </Group>
        </>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('authoring.cover.removeTitle')}
        confirmLabel={t('authoring.cover.remove')}
        danger
        pending={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          upload.reset();
          remove.mutate(course.id, { onSettled: () => setConfirming(false) });
        }}
      >
        {t('authoring.cover.removeBody')}
      </ConfirmDialog>
    </Stack>
  );
}
