import { Checkbox, Group, NumberInput, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { Audience, CourseDetail } from '@bdhv/contracts';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { optionalText, type FieldErrors } from '@/lib/form';
import { toTags } from '../utils/tags';
import { allAudiences } from '../utils/labels';

export interface CourseFormValues extends Record<string, unknown> {
  title: string;
  slug: string;
  summary: string;
  category: string;
  tags: string[];
  targetAudiences: Audience[];
  /** Hours as typed ('' when not given); sent as whole minutes. */
  estimatedHours: string | number;
  strictOrder: boolean;
}

export const emptyCourseFormValues: CourseFormValues = {
  title: '',
  slug: '',
  summary: '',
  category: '',
  tags: [],
  targetAudiences: [],
  estimatedHours: '',
  strictOrder: false,
};

export function courseFormValuesOf(course: CourseDetail): CourseFormValues {
  return {
    title: course.title,
    slug: course.slug,
    summary: course.summary,
    category: course.category,
    tags: course.tags,
    targetAudiences: course.targetAudiences,
    estimatedHours: course.estimatedMinutes === null ? '' : Math.round((course.estimatedMinutes / 60) * 10) / 10,
    strictOrder: course.strictOrder,
  };
}

/** The request body the form describes (validated by the caller with the contract's schema). */
export function courseInputOf(values: CourseFormValues) {
  const hours = values.estimatedHours === '' ? null : Number(values.estimatedHours);
  return {
    title: values.title.trim(),
    slug: optionalText(values.slug),
    summary: values.summary.trim(),
    category: values.category.trim(),
    tags: toTags(values.tags),
    targetAudiences: values.targetAudiences,
    estimatedMinutes: hours === null || Number.isNaN(hours) ? null : Math.round(hours * 60),
    strictOrder: values.strictOrder,
  };
}

/** Error keys of the request (`tags.2`, `estimatedMinutes`) → the form's fields. */
export function toCourseFieldErrors(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key.startsWith('tags') ? 'tags' : key.startsWith('targetAudiences') ? 'targetAudiences' : key === 'estimatedMinutes' ? 'estimatedHours' : key;
    mapped[field] ??= message;
  }
  return mapped;
}

export interface CourseFormFieldsProps {
  values: CourseFormValues;
  errors: FieldErrors;
  setValue: <K extends keyof CourseFormValues>(key: K, value: CourseFormValues[K]) => void;
  /** Published courses keep their address. */
  slugLocked?: boolean;
  readOnly?: boolean;
}

/** The fields shared by "new course" and the editor's "information" tab. */
export function CourseFormFields({ values, errors, setValue, slugLocked = false, readOnly = false }: CourseFormFieldsProps) {
  const { t, i18n } = useTranslation();
  const text = (key: 'title' | 'slug' | 'category') => ({
    value: values[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(key, event.currentTarget.value),
    error: errors[key],
    'aria-invalid': !!errors[key],
    readOnly,
  });
  return (
    <Stack gap="md">
      <TextInput label={t('authoring.fields.title')} autoComplete="off" required {...text('title')} />
      <Textarea
        label={t('authoring.fields.summary')}
        description={t('authoring.form.summaryHint')}
        autosize
        minRows={3}
        maxRows={10}
        value={values.summary}
        onChange={(event) => setValue('summary', event.currentTarget.value)}
        error={errors.summary}
        aria-invalid={!!errors.summary}
        readOnly={readOnly}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('authoring.fields.slug')}
          description={slugLocked ? t('authoring.form.slugLocked') : t('authoring.form.slugHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...text('slug')}
          disabled={slugLocked}
        />
        <TextInput label={t('authoring.fields.category')} description={t('authoring.form.categoryHint')} autoComplete="off" {...text('category')} />
      </SimpleGrid>
      <TagsInput
        label={t('authoring.fields.tags')}
        description={t('authoring.form.tagsHint')}
        value={values.tags}
        onChange={(tags) => setValue('tags', toTags(tags))}
        error={errors.tags}
        aria-invalid={!!errors.tags}
        maxTags={20}
        splitChars={[',', ';']}
        clearable={!readOnly}
        clearButtonProps={{ 'aria-label': t('authoring.form.clearTags') }}
        readOnly={readOnly}
      />
      <Checkbox.Group
        label={t('authoring.fields.targetAudiences')}
        description={t('authoring.form.audiencesHint')}
        value={values.targetAudiences}
        onChange={(value) => setValue('targetAudiences', value as Audience[])}
        error={errors.targetAudiences}
        readOnly={readOnly}
      >
        <Group gap="md" mt="xs">
          {allAudiences.map((audience) => (
            <Checkbox key={audience} value={audience} label={t(`identity.audiences.${audience}`)} disabled={readOnly} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <NumberInput
          label={t('authoring.fields.estimatedHours')}
          description={t('authoring.form.estimatedHint')}
          value={values.estimatedHours}
          onChange={(value) => setValue('estimatedHours', value)}
          error={errors.estimatedHours}
          aria-invalid={!!errors.estimatedHours}
          min={0}
          max={1666}
          step={0.5}
          decimalScale={1}
          decimalSeparator={i18n.language === 'en' ? '.' : ','}
          allowNegative={false}
          hideControls
          inputMode="decimal"
          readOnly={readOnly}
        />
      </SimpleGrid>
      <Switch
        label={t('authoring.fields.strictOrder')}
        description={t('authoring.form.strictOrderHint')}
        checked={values.strictOrder}
        onChange={(event) => setValue('strictOrder', event.currentTarget.checked)}
        disabled={readOnly}
      />
    </Stack>
  );
}
