// The one notifier interface. Every change to a person's case or grievance becomes a row in
// `notifications` (the in-app inbox) and a row in `notification_outbox`, written in the same
// transaction as the change. A Notifier drains the outbox; today it writes to the log, and an
// SMS gateway plugs in later by implementing `deliver`.
export interface OutgoingMessage {
  outboxId: number;
  userId: string;
  kind: string;
  params: Record<string, unknown>;
  link: string | null;
}

export interface Notifier {
  readonly channel: string;
  deliver(message: OutgoingMessage): Promise<void>;
}

/** Logs what would be sent. Never the phone number or any personal field: kind, reference and link only. */
export class ConsoleNotifier implements Notifier {
  readonly channel = 'sms';
  async deliver(message: OutgoingMessage): Promise<void> {
    const ref = typeof message.params.reference === 'string' ? message.params.reference : '';
    console.log(`[notify:${this.channel}] #${message.outboxId} ${message.kind} ${ref} → user ${message.userId.slice(0, 8)}…`);
  }
}

let current: Notifier = new ConsoleNotifier();

export function getNotifier(): Notifier {
  return current;
}

/** For tests and for wiring a real gateway at start-up. */
export function setNotifier(n: Notifier): void {
  current = n;
}
