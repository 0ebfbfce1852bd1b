import { ActionIcon, Avatar, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogin, IconLogout, IconSettings, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ADMIN_AREA_ROLES, hasAnyRole, useSession, useSignOut } from '@/lib/session';
import { paths } from '../paths';
import classes from './header-account.module.css';

function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  return last.charAt(0).toUpperCase() || '?';
}

/**
 * The header's account corner. Signed out: "Đăng nhập" and "Đăng ký" (phones get a sign-in icon;
 * both links are also in the burger menu). Signed in: a menu with the user's name.
 * Nothing shows while the session is being restored, to avoid flashing the wrong state.
 */
export function HeaderAccount() {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();

  if (status === 'loading') return null;

  if (!user) {
    return (
      <>
        <Group gap="xs" wrap="nowrap" visibleFrom="sm">
          <Button component={Link} to={paths.signIn} variant="subtle" size="sm">
            {t('account.signIn')}
          </Button>
          <Button component={Link} to={paths.register} size="sm">
            {t('account.register')}
          </Button>
        </Group>
        <ActionIcon component={Link} to={paths.signIn} variant="subtle" size="lg" hiddenFrom="sm" aria-label={t('account.signIn')}>
          <IconLogin size={22} aria-hidden="true" />
        </ActionIcon>
      </>
    );
  }

  const handleSignOut = async () => {
    navigate(paths.home);
    await signOut();
    notifications.show({ color: 'teal.9', message: t('account.signedOut') });
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.trigger} aria-label={t('account.menuLabel', { name: user.fullName })}>
          <Avatar size={32} radius="xl" color="blue.9" variant="filled" aria-hidden="true">
            {initials(user.fullName)}
          </Avatar>
          {/* Only on wide screens: below, the learning links need the header's width (the name is in the menu). */}
          <Text span className={classes.name} visibleFrom="xl">
            {user.fullName}
          </Text>
          <IconChevronDown size={16} aria-hidden="true" className={classes.chevron} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={700} c="gray.9" className={classes.menuName}>
            {user.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {user.orgUnit.name}
          </Text>
        </Menu.Label>
        <Menu.Item component={Link} to={paths.account} leftSection={<IconUserCircle size={18} aria-hidden="true" />}>
          {t('account.menuAccount')}
        </Menu.Item>
        {hasAnyRole(user, ADMIN_AREA_ROLES) ? (
          <Menu.Item component={Link} to={paths.adminUsers} leftSection={<IconSettings size={18} aria-hidden="true" />}>
            {t('account.menuAdmin')}
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Menu.Item color="red.9" leftSection={<IconLogout size={18} aria-hidden="true" />} onClick={() => void handleSignOut()}>
          {t('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Account links for the phone menu (the drawer), under the main navigation. */
export function DrawerAccountLinks({ onNavigate }: { onNavigate: (to: string) => void }) {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (status === 'loading') return null;

  const link = (to: string, label: string) => (
    <li key={to}>
      <Link to={to} className={classes.drawerLink} onClick={() => onNavigate(to)}>
        {label}
      </Link>
    </li>
  );

  return (
    <ul className={classes.drawerList}>
      {user ? (
        <>
          {link(paths.account, t('account.menuAccount'))}
          {hasAnyRole(user, ADMIN_AREA_ROLES) ? link(paths.adminUsers, t('account.menuAdmin')) : null}
          <li>
            <button
              type="button"
              className={classes.drawerLink}
              onClick={() => {
                onNavigate(paths.home);
                navigate(paths.home);
                void signOut().then(() => notifications.show({ color: 'teal.9', message: t('account.signedOut') }));
              }}
            >
              {t('account.signOut')}
            </button>
          </li>
        </>
      ) : (
        <>
          {link(paths.signIn, t('account.signIn'))}
          {link(paths.register, t('account.register'))}
        </>
      )}
    </ul>
  );
}
