import { Anchor, Button, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { formatVietnamesePhone, type UserSummary } from '@bdhv/contracts';
import { IconFilterOff, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters, useUrlSearch } from '@/lib/use-url-filters';
import { Link } from 'react-router';
import { RoleBadges } from '@/components/ui/identity-badges';
import { PaginationBar } from '@/components/ui/pagination-bar';
import { QueryError } from '@/components/ui/query-error';
import { TableScroll } from '@/components/ui/table-scroll';
import { TreeSelect, type TreeOption } from '@/components/ui/tree-select';
import { useUsers } from '../api/list-users';
import { audienceOptions, roleOptions, statusOptions } from '../utils/labels';
import { userListParamsFromSearch } from '../utils/list-params';
import { UserStatusBadge } from './user-status-badge';
import listClasses from '@/components/ui/list-page.module.css';
import classes from './users.module.css';

/** Wait for a pause in typing before asking the server. */
export const USER_SEARCH_DEBOUNCE_MS = 350;

export interface UserListProps {
  unitOptions: readonly TreeOption[];
  unitOptionsLoading?: boolean;
  userHref: (id: string) => string;
  /** Shows "add user" when given. */
  createHref?: string;
}

const FILTER_KEYS = ['q', 'unit', 'audience', 'role', 'status'] as const;

/** Reads the list's state from the address (?q=&unit=&audience=&role=&status=&page=), so Back and links keep it. */
function useListParams() {
  const [searchParams, update] = useUrlFilters<(typeof FILTER_KEYS)[number]>();
  const params = userListParamsFromSearch(searchParams);
  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));
  return { params, update, hasFilters };
}

export function UserList({ unitOptions, unitOptionsLoading = false, userHref, createHref }: UserListProps) {
  const { t } = useTranslation();
  const { params, update, hasFilters } = useListParams();
  const { search, setSearch, submit: submitSearch } = useUrlSearch(params.q, (q) => update({ q }), USER_SEARCH_DEBOUNCE_MS);
  const users = useUsers(params);


  const clearFilters = () => {
    setSearch('');
    update({ q: null, unit: null, audience: null, role: null, status: null });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Text fw={600}>{t('users.list.intro')}</Text>
        {createHref ? (
          <Button component={Link} to={createHref} leftSection={<IconUserPlus size={18} aria-hidden="true" />}>
            {t('users.list.create')}
          </Button>
        ) : null}
      </Group>

      <form role="search" aria-label={t('users.list.filtersLabel')} className={listClasses.filters} onSubmit={submitSearch}>
        <Stack gap="sm">
          <TextInput
            type="search"
            label={t('users.list.search')}
            placeholder={t('users.list.searchPlaceholder')}
            leftSection={<IconSearch size={18} aria-hidden="true" />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            autoComplete="off"
          />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TreeSelect
              label={t('users.fields.unit')}
              placeholder={unitOptionsLoading ? t('common.loading') : t('users.list.allUnits')}
              options={unitOptions}
              value={params.orgUnitId ?? null}
              onChange={(value) => update({ unit: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('users.list.clearUnit') }}
            />
            <Select
              label={t('users.fields.audience')}
              placeholder={t('users.list.all')}
              data={audienceOptions(t)}
              value={params.audience ?? null}
              onChange={(value) => update({ audience: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('users.list.clearAudience') }}
            />
            <Select
              label={t('users.fields.role')}
              placeholder={t('users.list.all')}
              data={roleOptions(t)}
              value={params.role ?? null}
              onChange={(value) => update({ role: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('users.list.clearRole') }}
            />
            <Select
              label={t('users.fields.status')}
              placeholder={t('users.list.all')}
              data={statusOptions(t)}
              value={params.status ?? null}
              onChange={(value) => update({ status: value })}
              clearable
              clearButtonProps={{ 'aria-label': t('users.list.clearStatus') }}
            />
          </SimpleGrid>
          {hasFilters ? (
            <Group>
              <Button variant="subtle" size="compact-md" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={clearFilters}>
                {t('users.list.clearFilters')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>

      {users.isError && !users.data ? (
        <QueryError title={t('users.list.loadError')} error={users.error} onRetry={() => void users.refetch()} retrying={users.isFetching} />
      ) : users.isPending ? (
        <UsersSkeleton />
      ) : users.data.total === 0 ? (
        <Stack align="center" gap="sm" py="xl" className={classes.empty}>
          <IconUsers size={40} aria-hidden="true" />
          <Text fw={600} role="status">
            {hasFilters ? t('users.list.emptyFiltered') : t('users.list.empty')}
          </Text>
          {hasFilters ? (
            <Button variant="default" onClick={clearFilters}>
              {t('users.list.clearFilters')}
            </Button>
          ) : null}
        </Stack>
      ) : (
        <>
          {users.isError ? (
            <QueryError title={t('users.list.loadError')} error={users.error} onRetry={() => void users.refetch()} retrying={users.isFetching} />
          ) : null}
          <TableScroll label={t('users.list.tableLabel')}>
            <Table striped highlightOnHover verticalSpacing="sm" miw={760} aria-busy={users.isPlaceholderData} className={classes.table}>
              <Table.Caption className={listClasses.caption}>{t('users.list.tableLabel')}</Table.Caption>
              <UsersTableHead />
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <UserRow key={user.id} user={user} href={userHref(user.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <PaginationBar
            page={users.data.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onChange={(page) => update({ page: page > 1 ? String(page) : null })}
            label={t('users.list.pagination')}
          />
        </>
      )}
    </Stack>
  );
}

function UsersTableHead() {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th scope="col">{t('users.fields.fullName')}</Table.Th>
        <Table.Th scope="col">{t('users.list.contact')}</Table.Th>
        <Table.Th scope="col">{t('users.fields.unit')}</Table.Th>
        <Table.Th scope="col">{t('users.fields.roles')}</Table.Th>
        <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function UserRow({ user, href }: { user: UserSummary; href: string }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={href} fw={600}>
          {user.fullName}
        </Anchor>
        {user.position ? (
          <Text size="sm" c="dimmed">
            {user.position}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {user.phone ? <Text size="sm">{formatVietnamesePhone(user.phone)}</Text> : null}
        {user.email ? (
          <Text size="sm" className={classes.email}>
            {user.email}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{user.orgUnit.name}</Table.Td>
      <Table.Td>
        <RoleBadges roles={user.roles} />
      </Table.Td>
      <Table.Td>
        <UserStatusBadge status={user.status} />
      </Table.Td>
    </Table.Tr>
  );
}

function UsersSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">{t('users.list.loading')}</VisuallyHidden>
      <Stack gap="xs" aria-hidden="true">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} height={44} radius="sm" />
        ))}
      </Stack>
    </div>
  );
}
