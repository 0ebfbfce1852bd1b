/** Injection tokens shared across modules. */
export const LOGGER = Symbol('LOGGER');
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
