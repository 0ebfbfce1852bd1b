import { IconBuildingCommunity, IconFileImport, IconHistory, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { hasAnyRole, useSession } from '@/lib/session';
import { paths } from '../paths';
import classes from './admin-layout.module.css';

const items = [
  { to: paths.adminUsers, labelKey: 'admin.nav.users', Icon: IconUsers, adminOnly: false },
  { to: paths.adminUnits, labelKey: 'admin.nav.units', Icon: IconBuildingCommunity, adminOnly: false },
  { to: paths.adminImports, labelKey: 'admin.nav.imports', Icon: IconFileImport, adminOnly: false },
  { to: paths.adminAudit, labelKey: 'admin.nav.audit', Icon: IconHistory, adminOnly: true },
] as const;

/** The administration area: its own sub-navigation above each page. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const isAdmin = hasAnyRole(user, ['admin']);
  return (
    <>
      <nav aria-label={t('admin.nav.label')} className={classes.nav}>
        <ul className={classes.list}>
          {items
            .filter((item) => isAdmin || !item.adminOnly)
            .map(({ to, labelKey, Icon }) => (
              <li key={to}>
                <NavLink to={to} className={classes.link}>
                  <Icon size={18} aria-hidden="true" />
                  {t(labelKey)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
