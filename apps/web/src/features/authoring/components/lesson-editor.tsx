import { Alert, Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { CourseDetail, LessonDetail } from '@bdhv/contracts';
import { IconEye, IconInfoCircle } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '@/components/ui/page-loader';
import { AttachmentLessonPanel } from './attachment-lesson-panel';
import { LessonDetailsForm } from './lesson-form';
import { VideoLessonPanel } from './video-lesson-panel';

// The rich-text editor (Tiptap, ProseMirror) downloads when a text lesson is opened.
const TextLessonForm = lazy(() => import('./text-lesson-form').then((m) => ({ default: m.TextLessonForm })));

export interface LessonEditorProps {
  course: CourseDetail;
  lesson: LessonDetail;
  readOnly: boolean;
  previewHref: string;
  /** Moves focus to the heading (the trainer just opened this lesson). */
  focusOnMount?: boolean;
}

/** One lesson: title and "required", the text of a text lesson, the video or file of the others. */
export function LessonEditor({ course, lesson, readOnly, previewHref, focusOnMount = false }: LessonEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);

  return (
    <Card component="section" aria-labelledby={headingId} withBorder radius="md" padding="lg">
      <Stack gap="lg">
        <div>
          <Text size="sm" c="dimmed" fw={600}>
            {t('authoring.lesson.kicker', { type: t(`authoring.lessonTypes.${lesson.type}`) })}
          </Text>
          <Title order={2} size="h3" id={headingId} ref={headingRef} tabIndex={-1} style={{ overflowWrap: 'anywhere' }}>
            {lesson.title}
          </Title>
          <Anchor component={Link} to={previewHref} size="sm" fw={600}>
            <Group gap={4} component="span">
              <IconEye size={16} aria-hidden="true" />
              {t('authoring.lesson.preview')}
            </Group>
          </Anchor>
        </div>
        {lesson.type === 'text' ? (
          <Suspense fallback={<PageLoader label={t('common.loading')} />}>
            <TextLessonForm course={course} lesson={lesson} readOnly={readOnly} />
          </Suspense>
        ) : (
          <LessonDetailsForm course={course} lesson={lesson} readOnly={readOnly} />
        )}
        {lesson.type === 'video' ? <VideoLessonPanel course={course} lesson={lesson} readOnly={readOnly} /> : null}
        {lesson.type === 'attachment' ? <AttachmentLessonPanel course={course} lesson={lesson} readOnly={readOnly} /> : null}
        {lesson.type === 'quiz' ? (
          <Alert color="blue.9" variant="light" icon={<IconInfoCircle aria-hidden="true" />} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
            <Text size="sm" c="gray.9">
              {t('authoring.lesson.quizNote')}
            </Text>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
