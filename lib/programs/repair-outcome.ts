// How a free-repair case ended, read from its work orders: every unit repaired, some found
// unrepairable, or none repaired at all. A case is fulfilled once no order is open, also when
// the team found every unit unrepairable; what the resident is told then is not "the repair is
// finished" but that the units may now be replaced with the subsidy (appliance_subsidy pays on
// the "repair impossible" fact that closing an order as impossible verifies). Pure.

export type RepairOutcome = 'repaired' | 'partly_repaired' | 'unrepairable';

/** `done`: orders repaired; `unrepairable`: orders closed as impossible. */
export function repairOutcome({ done, unrepairable }: { done: number; unrepairable: number }): RepairOutcome {
  if (unrepairable <= 0) return 'repaired';
  return done > 0 ? 'partly_repaired' : 'unrepairable';
}

/** The resident's notification kind when a repair case is fulfilled (under `notifications.kinds`). */
export function repairFulfilledNoticeKind(outcome: RepairOutcome): string {
  switch (outcome) {
    case 'repaired':
      return 'application.fulfilled';
    case 'partly_repaired':
      return 'application.repairPartly';
    case 'unrepairable':
      return 'application.repairUnrepairable';
  }
}

/**
 * The outcome a 'fulfil' event recorded in its details (`repaired`, `unrepairable`, written by
 * server/handouts/close-work-order.ts), or null for any other event or older rows.
 */
export function repairOutcomeOfEvent(details: unknown): RepairOutcome | null {
  if (!details || typeof details !== 'object') return null;
  const { repaired, unrepairable } = details as Record<string, unknown>;
  if (typeof repaired !== 'number' || typeof unrepairable !== 'number') return null;
  return repairOutcome({ done: repaired, unrepairable });
}
