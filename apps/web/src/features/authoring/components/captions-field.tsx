import { Stack } from '@mantine/core';
import type { MediaAsset } from '@bdhv/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { useUploadCaptions } from '../api/upload-captions';
import { authoringErrorMessage } from '../utils/errors';
import { CAPTIONS_ACCEPT, checkCaptionsFile, type FileProblem } from '../utils/files';
import { FileField } from './file-field';
import { UploadStatus } from './upload-status';

/** Subtitles for a ready video: a WebVTT file, sent as is; a new file replaces the old one. */
export function CaptionsField({ media }: { media: MediaAsset }) {
  const { t } = useTranslation();
  const upload = useUploadCaptions();
  const [problem, setProblem] = useState<FileProblem | null>(null);

  const handleFile = (file: File) => {
    const found = checkCaptionsFile(file);
    setProblem(found);
    if (found) return;
    upload.mutate({ mediaId: media.id, file });
  };

  return (
    <Stack gap="xs">
      <FileField
        label={t('authoring.captions.choose')}
        description={media.hasCaptions ? t('authoring.captions.replaceHint') : t('authoring.captions.hint')}
        error={problem ? t(`authoring.captions.problems.${problem}`) : undefined}
        accept={CAPTIONS_ACCEPT}
        disabled={upload.isPending}
        onFile={handleFile}
      />
      <UploadStatus pending={upload.isPending} done={upload.isSuccess} pendingLabel={t('authoring.captions.uploading')} doneLabel={t('authoring.captions.done')} />
      {upload.isError ? <FormError title={t('authoring.captions.failed')}>{authoringErrorMessage(upload.error, t)}</FormError> : null}
    </Stack>
  );
}
