import { AppShell, Box, Burger, Container, Drawer, Group, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconSchool } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { SkipLink } from '@/components/ui/skip-link';
import { paths } from '../paths';
import { DrawerAccountLinks, HeaderAccount } from './header-account';
import { LanguageSwitch } from './language-switch';
import { MainNav } from './main-nav';
import classes from './app-layout.module.css';

export const MAIN_CONTENT_ID = 'main-content';
const HEADER_HEIGHT = 64;
/** Below this the navigation moves into the burger menu (Mantine `md`). */
const DESKTOP_NAV_QUERY = '(min-width: 62em)';
const currentYear = new Date().getFullYear();

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  // A page's code (lazy routes) or data loading after a link was followed: the current page stays until then.
  const navigating = useNavigation().state !== 'idle';
  const mainRef = useRef<HTMLElement>(null);
  const [menuOpened, menu] = useDisclosure(false);
  // Closing because a link was followed: focus goes to the new page, not back to the burger.
  const [returnFocus, setReturnFocus] = useState(true);
  const isDesktop = useMediaQuery(DESKTOP_NAV_QUERY);

  useEffect(() => {
    if (isDesktop) menu.close();
  }, [isDesktop, menu]);

  // After client-side navigation move focus to the new content, like a full page load would.
  const previousPath = useRef(location.pathname);
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const openMenu = () => {
    setReturnFocus(true);
    menu.open();
  };

  const handleMenuNavigate = (to: string) => {
    if (to !== location.pathname) setReturnFocus(false);
    menu.close();
  };

  return (
    <AppShell header={{ height: HEADER_HEIGHT }} padding={0} className={classes.shell}>
      <SkipLink targetId={MAIN_CONTENT_ID}>{t('app.skipToContent')}</SkipLink>

      <AppShell.Header className={classes.header}>
        {/* Shown only when a navigation lasts (CSS delay), so instant ones do not flash. */}
        <div className={classes.progress} data-active={navigating || undefined} aria-hidden="true" />
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="xs" wrap="nowrap" miw={0}>
              <Burger
                opened={menuOpened}
                onClick={menuOpened ? menu.close : openMenu}
                hiddenFrom="md"
                size="sm"
                aria-label={t('nav.openMenu')}
                aria-expanded={menuOpened}
                aria-haspopup="dialog"
              />
              <Link to={paths.home} className={classes.brand}>
                <ThemeIcon size={36} radius="md" color="blue.9" aria-hidden="true" className={classes.brandIcon}>
                  <IconSchool size={22} />
                </ThemeIcon>
                <Text component="span" className={classes.brandText} lang="vi">
                  {t('app.name')}
                </Text>
              </Link>
            </Group>
            <Box visibleFrom="md">
              <MainNav orientation="horizontal" />
            </Box>
            <Group gap="xs" wrap="nowrap" className={classes.headerEnd}>
              <LanguageSwitch />
              <HeaderAccount />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>

      {/* Composed from parts so the dialog's header is not a second `<header>` (banner) landmark. */}
      <Drawer.Root
        opened={menuOpened}
        onClose={menu.close}
        size="xs"
        hiddenFrom="md"
        returnFocus={returnFocus}
        // Keep the dialog's language in step with the page (it renders in a portal).
        lang={i18n.language}
      >
        <Drawer.Overlay />
        <Drawer.Content>
          <div className={classes.drawerHeader}>
            <Drawer.Title className={classes.drawerTitle}>{t('nav.menuTitle')}</Drawer.Title>
            <Drawer.CloseButton aria-label={t('nav.closeMenu')} />
          </div>
          <Drawer.Body>
            <MainNav orientation="vertical" onNavigate={handleMenuNavigate} />
            <DrawerAccountLinks onNavigate={handleMenuNavigate} />
          </Drawer.Body>
        </Drawer.Content>
      </Drawer.Root>

      <AppShell.Main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className={classes.main} aria-busy={navigating || undefined}>
        <Container size="lg" py={{ base: 'lg', sm: 'xl' }}>
          <Outlet />
        </Container>
      </AppShell.Main>

      <footer className={classes.footer}>
        <Container size="lg">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('app.footer', { year: currentYear })}</Text>
            <nav aria-label={t('nav.footerLabel')}>
              <Group component="ul" gap="md" className={classes.footerLinks}>
                <li>
                  <Link to={paths.about}>{t('nav.about')}</Link>
                </li>
                <li>
                  <Link to={paths.status}>{t('nav.status')}</Link>
                </li>
              </Group>
            </nav>
          </Group>
        </Container>
      </footer>

      <ScrollRestoration />
    </AppShell>
  );
}
