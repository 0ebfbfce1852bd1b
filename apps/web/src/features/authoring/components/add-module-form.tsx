import { Button, Group, Stack, TextInput } from '@mantine/core';
import { createModuleRequestSchema, type CourseDetail } from '@bdhv/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useCreateModule } from '../api/create-module';
import { authoringErrorMessage } from '../utils/errors';

/** "Add module": the button opens a small form under it; saving appends the module. */
export function AddModuleForm({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const form = useFormState({ title: '' });
  const create = useCreateModule();

  const close = () => {
    setOpen(false);
    form.reset({ title: '' });
    create.reset();
    buttonRef.current?.focus();
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(createModuleRequestSchema, { title: form.values.title }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    create.mutate({ courseId: course.id, title: result.data.title }, { onSuccess: close, onError: (error) => form.showErrors(fieldErrorsFromApi(error)) });
  };

  return (
    <Stack gap="sm">
      <Group>
        <Button
          ref={buttonRef}
          variant={open ? 'light' : 'filled'}
          leftSection={<IconPlus size={18} aria-hidden="true" />}
          aria-expanded={open}
          aria-controls={open ? form.formProps.id : undefined}
          onClick={() => (open ? close() : setOpen(true))}
        >
          {t('authoring.content.addModule')}
        </Button>
      </Group>
      {open ? (
        <form {...form.formProps} onSubmit={handleSubmit} noValidate aria-label={t('authoring.content.addModuleForm')}>
          <Stack gap="sm">
            {create.isError && !form.errors.title ? <FormError>{authoringErrorMessage(create.error, t)}</FormError> : null}
            <TextInput label={t('authoring.content.moduleTitle')} autoComplete="off" autoFocus {...form.textProps('title')} />
            <Group gap="sm">
              <Button type="submit" loading={create.isPending}>
                {t('authoring.content.saveModule')}
              </Button>
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
