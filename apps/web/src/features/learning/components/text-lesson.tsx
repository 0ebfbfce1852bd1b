import { Button, Group, Stack, Text } from '@mantine/core';
import type { LearnerLesson } from '@bdhv/contracts';
import { IconCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { useCompleteLesson } from '../api/complete-lesson';
import { learningErrorMessage } from '../utils/errors';
import { CompletedNote, PreviewNote } from './lesson-notes';
import classes from './learning.module.css';

export interface TextLessonProps {
  lesson: LearnerLesson;
  preview: boolean;
  completed: boolean;
}

/**
 * A text lesson. Reaching its end completes it: an IntersectionObserver watches a marker after the
 * text and completes the lesson when the learner scrolls it into view. A text short enough to be
 * seen whole without scrolling is not completed by merely opening it; the "Tôi đã đọc xong" button
 * completes it (and serves keyboard and screen-reader users in any case).
 */
export function TextLesson({ lesson, preview, completed }: TextLessonProps) {
  const { t, i18n } = useTranslation();
  const complete = useCompleteLesson(lesson.courseId);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const requested = useRef(false);
  const done = completed || complete.isSuccess;

  const markRead = () => {
    if (requested.current && !complete.isError) return;
    requested.current = true;
    complete.mutate(lesson.id);
  };
  const markReadRef = useRef(markRead);
  useEffect(() => {
    markReadRef.current = markRead;
  });

  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (preview || done || !sentinel || typeof IntersectionObserver === 'undefined') return;
    let first = true;
    let wasHidden = false;
    const observer = new IntersectionObserver((entries) => {
      const visible = entries.some((entry) => entry.isIntersecting);
      if (first) {
        // The first report describes the page as it opened: only a later scroll to the end counts.
        first = false;
        wasHidden = !visible;
        return;
      }
      if (!visible) wasHidden = true;
      else if (wasHidden) {
        observer.disconnect();
        markReadRef.current();
      }
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [preview, done]);

  return (
    <Stack gap="lg">
      {lesson.textHtml ? (
        // The API sanitizes lesson HTML when it is saved (sanitize-html: an allow-list of tags,
        // attributes and URL schemes, see docs/decisions.md), so the stored HTML is safe to render.
        <div className={classes.prose} dangerouslySetInnerHTML={{ __html: lesson.textHtml }} />
      ) : (
        <Text>{t('learning.text.empty')}</Text>
      )}
      <div ref={sentinelRef} className={classes.sentinel} aria-hidden="true" />
      {preview ? (
        <PreviewNote />
      ) : done ? (
        <CompletedNote />
      ) : (
        <Stack gap="xs">
          {complete.isError ? <FormError>{learningErrorMessage(complete.error, t, i18n.language)}</FormError> : null}
          <Group>
            <Button leftSection={<IconCheck size={18} aria-hidden="true" />} onClick={markRead} loading={complete.isPending}>
              {t('learning.text.markRead')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
