import { Anchor, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { IconCircleCheckFilled, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLessonDuration } from '../utils/format';
import type { OutlineLesson, OutlineModule, OutlineState } from '../utils/outline';
import { LessonTypeIcon } from './lesson-type';
import classes from './learning.module.css';

export interface CourseOutlineProps {
  modules: readonly OutlineModule[];
  /** Per-lesson status and lock; omitted when the viewer is not enrolled (or previews). */
  states?: ReadonlyMap<string, OutlineState>;
  /** Where a lesson opens; without it lessons are listed without links. */
  lessonHref?: (lessonId: string) => string;
  currentLessonId?: string;
  /** Heading level of the module titles. */
  moduleHeadingOrder?: TitleOrder;
  /** Called when a lesson link is followed (closes the phone drawer). */
  onNavigate?: () => void;
}

/** Modules and their lessons: type, length, the learner's status, and locks under strict order. */
export function CourseOutline({ modules, states, lessonHref, currentLessonId, moduleHeadingOrder = 3, onNavigate }: CourseOutlineProps) {
  const { t } = useTranslation();
  if (modules.length === 0) return <Text>{t('learning.outline.empty')}</Text>;
  return (
    <Stack gap="lg">
      {modules.map((module, index) => (
        <section key={module.id} aria-labelledby={`module-${module.id}`}>
          <Title order={moduleHeadingOrder} size="h5" id={`module-${module.id}`} mb="xs">
            {t('learning.outline.module', { number: index + 1, title: module.title })}
          </Title>
          {module.lessons.length === 0 ? (
            <Text size="sm">{t('learning.outline.noLessons')}</Text>
          ) : (
            <ol className={classes.outlineList}>
              {module.lessons.map((lesson) => (
                <OutlineItem
                  key={lesson.id}
                  lesson={lesson}
                  state={states?.get(lesson.id)}
                  href={lessonHref?.(lesson.id)}
                  current={lesson.id === currentLessonId}
                  onNavigate={onNavigate}
                />
              ))}
            </ol>
          )}
        </section>
      ))}
    </Stack>
  );
}

interface OutlineItemProps {
  lesson: OutlineLesson;
  state: OutlineState | undefined;
  href: string | undefined;
  current: boolean;
  onNavigate?: () => void;
}

function OutlineItem({ lesson, state, href, current, onNavigate }: OutlineItemProps) {
  const { t } = useTranslation();
  const locked = state?.locked ?? false;
  const details = [
    t(`learning.lessonTypes.${lesson.type}`),
    lesson.durationSeconds ? formatLessonDuration(lesson.durationSeconds, t) : null,
    lesson.required ? null : t('learning.outline.optional'),
  ].filter(Boolean);
  return (
    <li className={classes.outlineItem} data-current={current || undefined}>
      <span className={classes.outlineIcon}>
        <LessonTypeIcon type={lesson.type} />
      </span>
      <div style={{ minWidth: 0, flex: 1 }}>
        {href && !locked && !current ? (
          <Anchor component={Link} to={href} className={classes.outlineTitle} onClick={onNavigate}>
            {lesson.title}
          </Anchor>
        ) : (
          <Text component="span" fw={current ? 700 : 400} className={classes.outlineTitle} aria-current={current ? 'page' : undefined}>
            {lesson.title}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {details.join(' · ')}
        </Text>
        {locked ? (
          <Text size="sm" className={classes.statusLocked}>
            <IconLock size={14} aria-hidden="true" style={{ verticalAlign: '-2px' }} /> {t('learning.status.locked')}
          </Text>
        ) : state ? (
          <Text size="sm" className={state.status === 'completed' ? classes.statusCompleted : undefined} fw={state.status === 'completed' ? 600 : 400}>
            {state.status === 'completed' ? <IconCircleCheckFilled size={14} aria-hidden="true" style={{ verticalAlign: '-2px' }} /> : null}{' '}
            {t(`learning.status.${state.status}`)}
          </Text>
        ) : null}
      </div>
    </li>
  );
}
