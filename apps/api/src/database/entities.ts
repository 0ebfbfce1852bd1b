import { QueueProbe } from '../modules/diagnostics/queue-probe.entity';
import { OrgUnit } from '../modules/org-units/org-unit.entity';
import { User } from '../modules/users/user.entity';

/** Every entity, registered explicitly so the API, the worker and the CLI load the same schema. */
export const entities = [OrgUnit, User, QueueProbe];
