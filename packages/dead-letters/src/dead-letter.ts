/** A message Dapr moved to `<topic>.dead-letter`: the CloudEvent as it was published. */
export interface DeadLetter {
  /** The CloudEvent id, which is the message's event id: a replay keeps it, so consumers' idempotency holds. */
  eventId: string;
  topic: string;
  cloudEvent: Record<string, unknown>;
}

/** The dead letters of one broker. `replay` publishes each again to its topic, then removes it. */
export interface DeadLetterStore {
  /** Makes sure dead letters of these topics are kept (RabbitMQ: a durable queue bound to each dead-letter exchange). */
  keepDeadLetters(topics: readonly string[]): Promise<void>;
  list(topic: string): Promise<DeadLetter[]>;
  replay(topic: string, eventId?: string): Promise<DeadLetter[]>;
  close(): Promise<void>;
}

export function deadLetterOf(body: string): DeadLetter {
  const cloudEvent = JSON.parse(body) as Record<string, unknown>;
  return { eventId: String(cloudEvent.id), topic: String(cloudEvent.topic), cloudEvent };
}
