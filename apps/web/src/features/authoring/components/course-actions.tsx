import { Button, Group } from '@mantine/core';
import { ErrorCode, type CourseDetail } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconEye, IconRocket, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-error';
import { ApiRequestError } from '@/lib/api-client';
import { useArchiveCourse } from '../api/archive-course';
import { useDeleteCourse } from '../api/delete-course';
import { usePublishCourse } from '../api/publish-course';
import { authoringErrorMessage } from '../utils/errors';
import { toPublishProblems, type PublishProblem } from '../utils/publish-problems';

export interface CourseActionsProps {
  course: CourseDetail;
  previewHref: string;
  onDeleted: () => void;
  /** Publishing was refused: every reason, each pointing at what fixes it. */
  onPublishRefused: (title: string, problems: PublishProblem[]) => void;
  onPublished: () => void;
}

type Pending = 'publish' | 'archive' | 'delete' | null;

/** Preview, publish, archive and delete, each asking first. */
export function CourseActions({ course, previewHref, onDeleted, onPublishRefused, onPublished }: CourseActionsProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<Pending>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A refused publication moves focus to the list of problems instead of back to the button.
  const [returnFocus, setReturnFocus] = useState(true);
  const publish = usePublishCourse();
  const archive = useArchiveCourse();
  const remove = useDeleteCourse();

  const close = () => setConfirming(null);

  const handlePublish = () => {
    setFailure(null);
    publish.mutate(course.id, {
      onSuccess: () => {
        close();
        onPublished();
        notifications.show({ color: 'teal.9', message: t('authoring.notifications.published', { title: course.title }) });
      },
      onError: (error) => {
        close();
        if (error instanceof ApiRequestError && error.code === ErrorCode.VALIDATION_FAILED && error.fieldErrors.length > 0) {
          setReturnFocus(false);
          onPublishRefused(error.message || t('authoring.publish.refusedTitle'), toPublishProblems(error.fieldErrors, course));
        } else {
          setFailure(authoringErrorMessage(error, t));
        }
      },
    });
  };

  const handleArchive = () => {
    setFailure(null);
    archive.mutate(course.id, {
      onSuccess: () => {
        close();
        notifications.show({ color: 'teal.9', message: t('authoring.notifications.archived', { title: course.title }) });
      },
      onError: (error) => {
        close();
        setFailure(authoringErrorMessage(error, t));
      },
    });
  };

  const handleDelete = () => {
    setFailure(null);
    remove.mutate(course.id, {
      onSuccess: () => {
        close();
        notifications.show({ color: 'teal.9', message: t('authoring.notifications.deleted', { title: course.title }) });
        onDeleted();
      },
      onError: (error) => {
        close();
        setFailure(authoringErrorMessage(error, t));
      },
    });
  };

  return (
    <>
      <Group gap="sm" wrap="wrap">
        <Button component={Link} to={previewHref} variant="default" leftSection={<IconEye size={18} aria-hidden="true" />}>
          {t('authoring.actions.preview')}
        </Button>
        {course.status !== 'published' ? (
          <Button
            onClick={() => {
              setReturnFocus(true);
              setConfirming('publish');
            }}
            leftSection={<IconRocket size={18} aria-hidden="true" />}>
            {course.status === 'archived' ? t('authoring.actions.republish') : t('authoring.actions.publish')}
          </Button>
        ) : null}
        {course.status === 'published' ? (
          <Button variant="default" onClick={() => setConfirming('archive')} leftSection={<IconArchive size={18} aria-hidden="true" />}>
            {t('authoring.actions.archive')}
          </Button>
        ) : null}
        {course.status === 'draft' ? (
          <Button variant="outline" color="red.9" onClick={() => setConfirming('delete')} leftSection={<IconTrash size={18} aria-hidden="true" />}>
            {t('authoring.actions.delete')}
          </Button>
        ) : null}
      </Group>
      {failure ? <FormError title={t('authoring.actions.failed')}>{failure}</FormError> : null}

      <ConfirmDialog
        opened={confirming === 'publish'}
        title={t('authoring.publish.confirmTitle')}
        confirmLabel={course.status === 'archived' ? t('authoring.actions.republish') : t('authoring.actions.publish')}
        onConfirm={handlePublish}
        onCancel={close}
        pending={publish.isPending}
        returnFocus={returnFocus}
      >
        {t('authoring.publish.confirmBody')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === 'archive'}
        title={t('authoring.archive.confirmTitle')}
        confirmLabel={t('authoring.actions.archive')}
        onConfirm={handleArchive}
        onCancel={close}
        pending={archive.isPending}
      >
        {t('authoring.archive.confirmBody')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === 'delete'}
        title={t('authoring.delete.confirmTitle')}
        confirmLabel={t('authoring.actions.delete')}
        onConfirm={handleDelete}
        onCancel={close}
        pending={remove.isPending}
        danger
      >
        {t('authoring.delete.confirmBody', { title: course.title })}
      </ConfirmDialog>
    </>
  );
}
