/**
 * The one source of time. Event-log timestamps are wall-clock milliseconds (Date.now()), which every
 * process on the machine shares, so events written by the driver, executors and the fault injector line up.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
