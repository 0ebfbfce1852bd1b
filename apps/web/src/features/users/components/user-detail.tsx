import { Anchor, Box, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatVietnamesePhone, updateUserRequestSchema, type UserDetail } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy, IconKey, IconLink, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-error';
import { AudienceBadges, RoleBadges } from '@/components/ui/identity-badges';
import { PageLoader } from '@/components/ui/page-loader';
import { PageHeader } from '@/components/ui/page-header';
import { QueryError } from '@/components/ui/query-error';
import type { TreeOption } from '@/components/ui/tree-select';
import { getErrorMessage } from '@/lib/error-message';
import { fieldErrorsFromApi, optionalText, useFormState, validateForm, type FieldErrors } from '@/lib/form';
import { toLocale } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useForceReset } from '../api/force-reset';
import { usePermitSsoLink } from '../api/permit-sso-link';
import { useUser } from '../api/get-user';
import { useUpdateUser } from '../api/update-user';
import { UserFormFields, type UserFormValues } from './user-form-fields';
import { UserStatusBadge } from './user-status-badge';
import classes from './users.module.css';

export interface UserDetailViewProps {
  userId: string;
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
  canAssignAdmin: boolean;
  /** "Force password reset" is for administrators. */
  canForceReset: boolean;
  /**
   * The single sign-on provider's name when an administrator may let a privileged account link
   * without its password (single sign-on enabled); null otherwise.
   */
  ssoProvider?: string | null;
  backHref: string;
}

/** A user's page: the page heading, facts, the edit form and account actions. */
export function UserDetailView({ userId, backHref, ...props }: UserDetailViewProps) {
  const { t } = useTranslation();
  const user = useUser(userId);
  useDocumentTitle(user.data?.fullName ?? t('users.detail.title'));

  const back = (
    <Anchor component={Link} to={backHref} fw={600}>
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden="true" />
        {t('users.detail.back')}
      </Group>
    </Anchor>
  );

  if (user.isPending) {
    return (
      <>
        <PageHeader title={t('users.detail.title')}>{back}</PageHeader>
        <PageLoader label={t('users.detail.loading')} />
      </>
    );
  }
  if (user.isError) {
    return (
      <>
        <PageHeader title={t('users.detail.title')}>{back}</PageHeader>
        <QueryError title={t('users.detail.loadError')} error={user.error} onRetry={() => void user.refetch()} retrying={user.isFetching} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={user.data.fullName}>{back}</PageHeader>
      <Stack gap="xl">
        <UserFacts user={user.data} />
        <UserEditForm key={user.data.id} user={user.data} {...props} />
        <UserAccountActions user={user.data} canForceReset={props.canForceReset} ssoProvider={props.ssoProvider ?? null} />
      </Stack>
    </>
  );
}

function UserFacts({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = toLocale(i18n.language);
  const formatDate = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const none = (
    <Text span c="dimmed">
      {t('users.detail.none')}
    </Text>
  );
  const rows: { key: string; label: string; value: ReactNode }[] = [
    { key: 'status', label: t('users.fields.status'), value: <UserStatusBadge status={user.status} /> },
    { key: 'phone', label: t('users.fields.phone'), value: user.phone ? formatVietnamesePhone(user.phone) : none },
    { key: 'email', label: t('users.fields.email'), value: user.email ?? none },
    { key: 'unit', label: t('users.fields.unit'), value: user.orgUnit.name },
    { key: 'position', label: t('users.fields.position'), value: user.position ?? none },
    { key: 'roles', label: t('users.fields.roles'), value: <RoleBadges roles={user.roles} /> },
    { key: 'audiences', label: t('users.fields.audiences'), value: user.audiences.length ? <AudienceBadges audiences={user.audiences} /> : none },
    // Only the masked form ever reaches the browser.
    { key: 'citizenId', label: t('users.fields.citizenId'), value: user.citizenIdMasked ?? none },
    { key: 'sso', label: t('users.detail.linkedProviders'), value: user.linkedIdentityProviders.length ? user.linkedIdentityProviders.join(', ') : none },
    { key: 'createdAt', label: t('users.detail.createdAt'), value: formatDate(user.createdAt) },
    { key: 'lastLogin', label: t('users.detail.lastLoginAt'), value: user.lastLoginAt ? formatDate(user.lastLoginAt) : t('users.detail.neverSignedIn') },
    { key: 'mustChange', label: t('users.detail.mustChangePassword'), value: user.mustChangePassword ? t('common.yes') : t('common.no') },
  ];
  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
      <Title order={2} id={titleId} mb="md">
        {t('users.detail.factsTitle')}
      </Title>
      <Box component="dl" className={classes.details}>
        {rows.map((row) => (
          <div key={row.key} className={classes.detailRow} data-field={row.key}>
            <Text component="dt" fw={600}>
              {row.label}
            </Text>
            <Box component="dd">{row.value}</Box>
          </div>
        ))}
      </Box>
    </Card>
  );
}

function toFormValues(user: UserDetail): UserFormValues {
  return {
    fullName: user.fullName,
    phone: user.phone ? formatVietnamesePhone(user.phone) : '',
    email: user.email ?? '',
    orgUnitId: user.orgUnit.id,
    audiences: user.audiences,
    roles: user.roles,
    position: user.position ?? '',
    citizenId: '',
  };
}

type EditProps = Omit<UserDetailViewProps, 'userId' | 'backHref'> & { user: UserDetail };

function UserEditForm({ user, unitOptions, unitOptionsLoading, canAssignAdmin }: EditProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const form = useFormState<UserFormValues>(toFormValues(user));
  const update = useUpdateUser();

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { values } = form;
    const citizenId = optionalText(values.citizenId);
    const input = {
      fullName: values.fullName,
      phone: optionalText(values.phone) ?? null,
      email: optionalText(values.email) ?? null,
      orgUnitId: values.orgUnitId ?? '',
      audiences: values.audiences,
      roles: values.roles,
      position: optionalText(values.position) ?? null,
      // Empty keeps the stored number.
      ...(citizenId ? { citizenId } : {}),
    };
    const result = validateForm(updateUserRequestSchema, input, t);
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    if (!input.phone && !input.email) errors.phone ??= t('users.form.phoneOrEmail');
    if (!result.ok || Object.keys(errors).length > 0) {
      form.showErrors(errors);
      return;
    }
    update.mutate(
      { id: user.id, body: result.data },
      {
        onSuccess: (saved) => {
          form.reset(toFormValues(saved));
          notifications.show({ color: 'teal.9', message: t('users.notifications.saved', { name: saved.fullName }) });
        },
        onError: (error) => form.showErrors(fieldErrorsFromApi(error)),
      },
    );
  };

  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <Title order={2} id={titleId} mb="md">
        {t('users.detail.editTitle')}
      </Title>
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        {update.isError ? (
          <Box mb="md">
            <FormError>{getErrorMessage(update.error, t)}</FormError>
          </Box>
        ) : null}
        <UserFormFields
          values={form.values}
          errors={form.errors}
          setValue={form.setValue}
          unitOptions={unitOptions}
          unitOptionsLoading={unitOptionsLoading}
          canAssignAdmin={canAssignAdmin}
          citizenIdMasked={user.citizenIdMasked}
        />
        <Group justify="flex-end" mt="xl">
          <Button type="submit" loading={update.isPending} leftSection={<IconDeviceFloppy size={18} aria-hidden="true" />}>
            {t('users.form.saveSubmit')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

/** Single sign-on links these accounts only after their password, or an administrator's permission. */
const SSO_CONFIRMED_ROLES = ['admin', 'unit_manager', 'trainer'];

function UserAccountActions({ user, canForceReset, ssoProvider }: { user: UserDetail; canForceReset: boolean; ssoProvider: string | null }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const [dialog, setDialog] = useState<'disable' | 'forceReset' | 'permitSsoLink' | null>(null);
  const update = useUpdateUser();
  const forceReset = useForceReset();
  const permitSsoLink = usePermitSsoLink();
  const canPermitSsoLink = ssoProvider !== null && user.status === 'active' && user.roles.some((r) => SSO_CONFIRMED_ROLES.includes(r));

  const confirmPermitSsoLink = () =>
    permitSsoLink.mutate(user.id, {
      onSuccess: ({ expiresAt }) => {
        setDialog(null);
        const until = new Date(expiresAt).toLocaleString(toLocale(i18n.language), { dateStyle: 'short', timeStyle: 'short' });
        notifications.show({ color: 'teal.9', message: t('users.notifications.ssoLinkPermitted', { name: user.fullName, provider: ssoProvider, until }) });
      },
      onError: (error) => {
        setDialog(null);
        notifications.show({ color: 'red.9', title: t('users.notifications.actionFailed'), message: getErrorMessage(error, t) });
      },
    });

  const setStatus = (status: 'active' | 'disabled') =>
    update.mutate(
      { id: user.id, body: { status } },
      {
        onSuccess: (saved) => {
          setDialog(null);
          notifications.show({
            color: 'teal.9',
            message: t(status === 'disabled' ? 'users.notifications.disabled' : 'users.notifications.enabled', { name: saved.fullName }),
          });
        },
        onError: (error) => {
          setDialog(null);
          notifications.show({ color: 'red.9', title: t('users.notifications.actionFailed'), message: getErrorMessage(error, t) });
        },
      },
    );

  const confirmForceReset = () =>
    forceReset.mutate(user.id, {
      onSuccess: (result) => {
        setDialog(null);
        const message = !result.sent
          ? t('users.notifications.resetNotSent')
          : result.channel === 'email'
            ? t('users.notifications.resetEmailed', { name: user.fullName })
            : t('users.notifications.resetLogged', { name: user.fullName });
        notifications.show({ color: result.sent ? 'teal.9' : 'orange.9', message });
      },
      onError: (error) => {
        setDialog(null);
        notifications.show({ color: 'red.9', title: t('users.notifications.actionFailed'), message: getErrorMessage(error, t) });
      },
    });

  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <Title order={2} id={titleId} mb="md">
        {t('users.detail.accountTitle')}
      </Title>
      <Group gap="sm">
        {user.status === 'active' ? (
          <Button
            variant="outline"
            color="red.9"
            leftSection={<IconUserOff size={18} aria-hidden="true" />}
            onClick={() => setDialog('disable')}
          >
            {t('users.actions.disable')}
          </Button>
        ) : (
          <Button
            variant="outline"
            leftSection={<IconUserCheck size={18} aria-hidden="true" />}
            loading={update.isPending}
            onClick={() => setStatus('active')}
          >
            {t('users.actions.enable')}
          </Button>
        )}
        {canForceReset ? (
          <Button variant="outline" leftSection={<IconKey size={18} aria-hidden="true" />} onClick={() => setDialog('forceReset')}>
            {t('users.actions.forceReset')}
          </Button>
        ) : null}
        {canPermitSsoLink ? (
          <Button variant="outline" leftSection={<IconLink size={18} aria-hidden="true" />} onClick={() => setDialog('permitSsoLink')}>
            {t('users.actions.permitSsoLink', { provider: ssoProvider })}
          </Button>
        ) : null}
      </Group>

      <ConfirmDialog
        opened={dialog === 'disable'}
        title={t('users.dialogs.disableTitle', { name: user.fullName })}
        confirmLabel={t('users.actions.disable')}
        onConfirm={() => setStatus('disabled')}
        onCancel={() => setDialog(null)}
        pending={update.isPending}
        danger
      >
        {t('users.dialogs.disableBody')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'forceReset'}
        title={t('users.dialogs.forceResetTitle', { name: user.fullName })}
        confirmLabel={t('users.actions.forceReset')}
        onConfirm={confirmForceReset}
        onCancel={() => setDialog(null)}
        pending={forceReset.isPending}
      >
        {t('users.dialogs.forceResetBody')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'permitSsoLink'}
        title={t('users.dialogs.permitSsoLinkTitle', { name: user.fullName, provider: ssoProvider })}
        confirmLabel={t('users.actions.permitSsoLink', { provider: ssoProvider })}
        onConfirm={confirmPermitSsoLink}
        onCancel={() => setDialog(null)}
        pending={permitSsoLink.isPending}
      >
        {t('users.dialogs.permitSsoLinkBody', { provider: ssoProvider })}
      </ConfirmDialog>
    </Paper>
  );
}
