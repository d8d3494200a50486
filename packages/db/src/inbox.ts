import type { Db } from "./client";

/** Has this consumer already handled the message? Redelivery after a crash asks this first. */
export async function alreadyProcessed(db: Db, consumer: string, messageId: string): Promise<boolean> {
  const row = await db.inboxMessage.findUnique({ where: { consumer_messageId: { consumer, messageId } } });
  return row !== null;
}

export async function markProcessed(db: Db, consumer: string, messageId: string): Promise<void> {
  await db.inboxMessage.createMany({ data: [{ consumer, messageId }], skipDuplicates: true });
}
