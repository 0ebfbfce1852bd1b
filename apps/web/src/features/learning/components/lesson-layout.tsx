import { Anchor, Box, Breadcrumbs, Button, Drawer, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconCircleCheckFilled, IconListDetails, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLessonDuration } from '../utils/format';
import { neighbours, type OutlineLesson, type OutlineModule, type OutlineState } from '../utils/outline';
import { CourseOutline } from './course-outline';
import { LessonTypeIcon } from './lesson-type';
import classes from './learning.module.css';

/** Long lesson titles wrap inside the previous/next buttons instead of being cut on phones. */
const navButtonStyles = { label: { whiteSpace: 'normal', textAlign: 'start' }, inner: { justifyContent: 'flex-start' } } as const;

export interface Crumb {
  label: string;
  href: string;
}

export interface LessonLayoutProps {
  /** Links above the title, e.g. catalog › course. */
  crumbs: readonly Crumb[];
  courseTitle: string;
  modules: readonly OutlineModule[];
  lesson: OutlineLesson;
  states?: ReadonlyMap<string, OutlineState>;
  lessonHref: (lessonId: string) => string;
  /** Shown above everything, e.g. the preview banner. */
  banner?: ReactNode;
  /** Progress summary over the outline (learners). */
  outlineHeader?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of a lesson: breadcrumb, the lesson title (the page's h1), its content, previous/next
 * lesson links, and the course outline beside it on wide screens or in a drawer on phones.
 */
export function LessonLayout({ crumbs, courseTitle, modules, lesson, states, lessonHref, banner, outlineHeader, children }: LessonLayoutProps) {
  const { t, i18n } = useTranslation();
  const [outlineOpened, outline] = useDisclosure(false);
  const { previous, next } = neighbours(modules, lesson.id);
  const state = states?.get(lesson.id);
  const nextLocked = next ? (states?.get(next.id)?.locked ?? false) : false;

  const outlineView = (headingOrder: 2 | 3, onNavigate?: () => void) => (
    <Stack gap="md">
      {outlineHeader}
      <CourseOutline modules={modules} states={states} lessonHref={lessonHref} currentLessonId={lesson.id} moduleHeadingOrder={headingOrder} onNavigate={onNavigate} />
    </Stack>
  );

  return (
    <Stack gap="lg">
      {banner}
      <nav aria-label={t('learning.breadcrumbs')}>
        <Breadcrumbs separatorMargin={6} className={classes.breadcrumbs}>
          {crumbs.map((crumb) => (
            <Anchor key={crumb.href} component={Link} to={crumb.href}>
              {crumb.label}
            </Anchor>
          ))}
          <Text component="span" aria-current="page">
            {lesson.title}
          </Text>
        </Breadcrumbs>
      </nav>

      <Stack gap={6}>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {lesson.title}
        </Title>
        <Group gap="md">
          <Group gap={4} component="span">
            <LessonTypeIcon type={lesson.type} size={16} />
            <Text size="sm" component="span">
              {t(`learning.lessonTypes.${lesson.type}`)}
              {lesson.durationSeconds ? ` · ${formatLessonDuration(lesson.durationSeconds, t)}` : ''}
            </Text>
          </Group>
          {state?.status === 'completed' ? (
            <Text size="sm" fw={600} className={classes.statusCompleted}>
              <IconCircleCheckFilled size={16} aria-hidden="true" style={{ verticalAlign: '-3px' }} /> {t('learning.status.completed')}
            </Text>
          ) : null}
          <Button
            hiddenFrom="md"
            variant="default"
            size="compact-md"
            leftSection={<IconListDetails size={16} aria-hidden="true" />}
            onClick={outline.open}
            aria-haspopup="dialog"
          >
            {t('learning.lesson.openOutline')}
          </Button>
        </Group>
      </Stack>

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            <div>{children}</div>
            <nav aria-label={t('learning.lesson.navLabel')} className={classes.lessonNav}>
              {previous ? (
                <Button component={Link} to={lessonHref(previous.id)} variant="default" leftSection={<IconArrowLeft size={18} aria-hidden="true" />} className={classes.lessonNavLink} styles={navButtonStyles}>
                  {t('learning.lesson.previous', { title: previous.title })}
                </Button>
              ) : (
                <span />
              )}
              {next ? (
                nextLocked ? (
                  <Text size="sm" className={classes.statusLocked}>
                    <IconLock size={14} aria-hidden="true" style={{ verticalAlign: '-2px' }} /> {t('learning.lesson.nextLocked')}
                  </Text>
                ) : (
                  <Button component={Link} to={lessonHref(next.id)} rightSection={<IconArrowRight size={18} aria-hidden="true" />} className={classes.lessonNavLink} styles={navButtonStyles}>
                    {t('learning.lesson.next', { title: next.title })}
                  </Button>
                )
              ) : null}
            </nav>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Box visibleFrom="md" component="aside" aria-labelledby="lesson-outline-heading" className={classes.aside}>
            <Title order={2} size="h4" id="lesson-outline-heading" mb="sm">
              {courseTitle}
            </Title>
            {outlineView(3)}
          </Box>
        </Grid.Col>
      </Grid>

      <Drawer opened={outlineOpened} onClose={outline.close} title={courseTitle} position="right" size="md" lang={i18n.language} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {outlineView(3, outline.close)}
      </Drawer>
    </Stack>
  );
}
