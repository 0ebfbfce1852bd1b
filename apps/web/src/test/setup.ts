import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { defaultLanguage, i18n } from '@/lib/i18n';
import { resetSession } from '@/lib/session';

// jsdom lacks the layout APIs Mantine relies on.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = ResizeObserverStub;

window.scrollTo = (() => undefined) as typeof window.scrollTo;
Element.prototype.scrollIntoView = () => undefined;

beforeEach(async () => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  // Every test starts like a fresh page load: signed out until the session is restored.
  resetSession();
  await i18n.changeLanguage(defaultLanguage);
});

afterEach(() => {
  cleanup();
  // The notifications store outlives a render; start each test without leftovers.
  notifications.clean();
});
