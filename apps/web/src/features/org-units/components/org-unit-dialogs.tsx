import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  createOrgUnitRequestSchema,
  mergeOrgUnitRequestSchema,
  moveOrgUnitRequestSchema,
  orgUnitKindSchema,
  updateOrgUnitRequestSchema,
  type OrgUnitDto,
  type OrgUnitKind,
} from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { TreeSelect } from '@/components/ui/tree-select';
import { getErrorMessage } from '@/lib/error-message';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { useCreateOrgUnit } from '../api/create-org-unit';
import { useMergeOrgUnit } from '../api/merge-org-unit';
import { useMoveOrgUnit } from '../api/move-org-unit';
import { useUpdateOrgUnit } from '../api/update-org-unit';
import { subtreeIds, toOrgUnitOptions, type OrgUnitNode } from '../utils/tree';

export type OrgUnitAction = { type: 'addChild' | 'rename' | 'move' | 'merge'; node: OrgUnitNode };

export interface OrgUnitDialogsProps {
  action: OrgUnitAction | null;
  onClose: () => void;
  units: readonly OrgUnitDto[] | undefined;
}

/** One dialog at a time; each remounts per action so its form starts fresh. */
export function OrgUnitDialogs({ action, onClose, units }: OrgUnitDialogsProps) {
  if (!action) return null;
  const key = `${action.type}-${action.node.unit.id}`;
  switch (action.type) {
    case 'addChild':
      return <AddChildDialog key={key} node={action.node} onClose={onClose} />;
    case 'rename':
      return <RenameDialog key={key} node={action.node} onClose={onClose} />;
    case 'move':
      return <MoveDialog key={key} node={action.node} units={units} onClose={onClose} />;
    case 'merge':
      return <MergeDialog key={key} node={action.node} units={units} onClose={onClose} />;
  }
}

interface DialogFrameProps {
  title: string;
  onClose: () => void;
  pending: boolean;
  children: ReactNode;
}

function DialogFrame({ title, onClose, pending, children }: DialogFrameProps) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      opened
      onClose={() => {
        if (!pending) onClose();
      }}
      title={title}
      centered
      lang={i18n.language}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {children}
    </Modal>
  );
}

function DialogButtons({ onClose, pending, submitLabel, danger = false }: { onClose: () => void; pending: boolean; submitLabel: string; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt="md">
      <Button variant="default" onClick={onClose} disabled={pending}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>
        {submitLabel}
      </Button>
    </Group>
  );
}

const childKinds = orgUnitKindSchema.options.filter((kind): kind is Exclude<OrgUnitKind, 'province'> => kind !== 'province');

function AddChildDialog({ node, onClose }: { node: OrgUnitNode; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ code: '', name: '', kind: (node.unit.kind === 'province' ? 'department' : 'other') as string | null });
  const create = useCreateOrgUnit();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(createOrgUnitRequestSchema, { ...form.values, kind: form.values.kind ?? undefined, parentId: node.unit.id }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    create.mutate(result.data, {
      onSuccess: (unit) => {
        notifications.show({ color: 'teal.9', message: t('orgUnits.notifications.created', { name: unit.name }) });
        onClose();
      },
      onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
    });
  };

  return (
    <DialogFrame title={t('orgUnits.dialogs.addChildTitle', { name: node.unit.name })} onClose={onClose} pending={create.isPending}>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {create.isError ? <FormError>{getErrorMessage(create.error, t)}</FormError> : null}
          <TextInput
            label={t('orgUnits.fields.code')}
            description={t('orgUnits.fields.codeHint')}
            autoCapitalize="characters"
            spellCheck={false}
            data-autofocus
            {...form.textProps('code')}
          />
          <TextInput label={t('orgUnits.fields.name')} {...form.textProps('name')} />
          <Select
            label={t('orgUnits.fields.kind')}
            data={childKinds.map((kind) => ({ value: kind, label: t(`identity.orgUnitKinds.${kind}`) }))}
            value={form.values.kind}
            onChange={(value) => form.setValue('kind', value)}
            allowDeselect={false}
            error={form.errors.kind}
          />
        </Stack>
        <DialogButtons onClose={onClose} pending={create.isPending} submitLabel={t('orgUnits.dialogs.addChildSubmit')} />
      </form>
    </DialogFrame>
  );
}

function RenameDialog({ node, onClose }: { node: OrgUnitNode; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ name: node.unit.name });
  const update = useUpdateOrgUnit();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(updateOrgUnitRequestSchema, form.values, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    update.mutate(
      { id: node.unit.id, body: result.data },
      {
        onSuccess: (unit) => {
          notifications.show({ color: 'teal.9', message: t('orgUnits.notifications.renamed', { name: unit.name }) });
          onClose();
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return (
    <DialogFrame title={t('orgUnits.dialogs.renameTitle', { name: node.unit.name })} onClose={onClose} pending={update.isPending}>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {update.isError ? <FormError>{getErrorMessage(update.error, t)}</FormError> : null}
          <TextInput label={t('orgUnits.fields.newName')} data-autofocus {...form.textProps('name')} />
        </Stack>
        <DialogButtons onClose={onClose} pending={update.isPending} submitLabel={t('common.save')} />
      </form>
    </DialogFrame>
  );
}

function useTargetOptions(node: OrgUnitNode, units: readonly OrgUnitDto[] | undefined) {
  // A unit cannot go under, or merge into, itself or its own descendants.
  return useMemo(() => toOrgUnitOptions(units, { exclude: subtreeIds(node) }), [node, units]);
}

function MoveDialog({ node, units, onClose }: { node: OrgUnitNode; units: readonly OrgUnitDto[] | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useTargetOptions(node, units);
  const form = useFormState({ parentId: null as string | null });
  const move = useMoveOrgUnit();
  const currentParent = units?.find((unit) => unit.id === node.unit.parentId);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.values.parentId) {
      form.showErrors({ parentId: t('orgUnits.fields.pickUnit') });
      return;
    }
    const result = validateForm(moveOrgUnitRequestSchema, { parentId: form.values.parentId }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    move.mutate(
      { id: node.unit.id, parentId: result.data.parentId },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal.9', message: t('orgUnits.notifications.moved', { name: node.unit.name }) });
          onClose();
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return (
    <DialogFrame title={t('orgUnits.dialogs.moveTitle', { name: node.unit.name })} onClose={onClose} pending={move.isPending}>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {move.isError ? <FormError>{getErrorMessage(move.error, t)}</FormError> : null}
          {currentParent ? <Text size="sm">{t('orgUnits.dialogs.currentParent', { name: currentParent.name })}</Text> : null}
          <TreeSelect
            label={t('orgUnits.fields.newParent')}
            options={options}
            value={form.values.parentId}
            onChange={(value) => form.setValue('parentId', value)}
            error={form.errors.parentId}
            data-autofocus
          />
        </Stack>
        <DialogButtons onClose={onClose} pending={move.isPending} submitLabel={t('orgUnits.dialogs.moveSubmit')} />
      </form>
    </DialogFrame>
  );
}

function MergeDialog({ node, units, onClose }: { node: OrgUnitNode; units: readonly OrgUnitDto[] | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useTargetOptions(node, units);
  const form = useFormState({ targetId: null as string | null });
  const merge = useMergeOrgUnit();
  const target = units?.find((unit) => unit.id === form.values.targetId);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.values.targetId) {
      form.showErrors({ targetId: t('orgUnits.fields.pickUnit') });
      return;
    }
    const result = validateForm(mergeOrgUnitRequestSchema, { targetId: form.values.targetId }, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    merge.mutate(
      { id: node.unit.id, targetId: result.data.targetId },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal.9',
            message: t('orgUnits.notifications.merged', { source: node.unit.name, target: target?.name ?? '' }),
          });
          onClose();
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return (
    <DialogFrame title={t('orgUnits.dialogs.mergeTitle', { name: node.unit.name })} onClose={onClose} pending={merge.isPending}>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {merge.isError ? <FormError>{getErrorMessage(merge.error, t)}</FormError> : null}
          <TreeSelect
            label={t('orgUnits.fields.mergeTarget')}
            options={options}
            value={form.values.targetId}
            onChange={(value) => form.setValue('targetId', value)}
            error={form.errors.targetId}
            data-autofocus
          />
          <Alert
            color="blue.9"
            variant="light"
            icon={<IconInfoCircle aria-hidden="true" />}
            title={t('orgUnits.dialogs.mergeExplainTitle')}
            styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
          >
            <Stack gap={4}>
              <Text size="sm" c="gray.9">
                {target
                  ? t('orgUnits.dialogs.mergeExplainUsers', { count: node.unit.userCount, source: node.unit.name, target: target.name })
                  : t('orgUnits.dialogs.mergeExplainUsersNoTarget', { count: node.unit.userCount, source: node.unit.name })}
              </Text>
              <Text size="sm" c="gray.9">
                {t('orgUnits.dialogs.mergeExplainHistory', { source: node.unit.name })}
              </Text>
            </Stack>
          </Alert>
        </Stack>
        <DialogButtons onClose={onClose} pending={merge.isPending} submitLabel={t('orgUnits.dialogs.mergeSubmit')} danger />
      </form>
    </DialogFrame>
  );
}
