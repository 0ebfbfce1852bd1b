import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'bdhv:isPublic';

/** Marks a route (or a whole controller) as reachable without signing in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
