// Public surface of the health feature; app/ imports only from here.
export { getHealth, getHealthQueryOptions, healthQueryKey, useHealth } from './api/get-health';
export { HealthDetails, HEALTH_REFRESH_INTERVAL_MS } from './components/health-details';
export { HealthSummaryCard } from './components/health-summary-card';
