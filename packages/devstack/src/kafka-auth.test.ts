/** The brokers' principals file: brokers preparing at once agree on one complete set. */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureKafkaCredentials, kafkaCredentialsFile } from "./kafka-auth";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("ensureKafkaCredentials", () => {
  it("gives every concurrent caller the same complete principals, in one file of mode 600 and no leftovers", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hub-kafka-auth-"));
    const all = await Promise.all(Array.from({ length: 12 }, () => ensureKafkaCredentials(dir)));
    for (const p of all) expect(p).toEqual(all[0]);
    expect(Object.values(all[0] ?? {}).every((c) => c.password.length > 20)).toBe(true);
    expect(await readdir(dir)).toEqual([path.basename(kafkaCredentialsFile(dir))]);
    expect((await stat(kafkaCredentialsFile(dir))).mode & 0o777).toBe(0o600);
  });
});
