import { type Queryable, sql } from "./client";

/** Has this consumer already handled the message? Redelivery after a crash asks this first. */
export async function alreadyProcessed(db: Queryable, consumer: string, messageId: string): Promise<boolean> {
  return (await db.one(sql`SELECT 1 FROM inbox WHERE consumer = ${consumer} AND message_id = ${messageId}`)) !== null;
}

export async function markProcessed(db: Queryable, consumer: string, messageId: string): Promise<void> {
  await db.run(sql`INSERT INTO inbox (consumer, message_id) VALUES (${consumer}, ${messageId}) ON CONFLICT DO NOTHING`);
}
