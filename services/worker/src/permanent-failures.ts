/**
 * Which activity failures no retry can cure. An activity retried for ever on data PostgreSQL
 * will never accept stalls its task silently; failing it as non-retryable lets the kernel record
 * the problem on the task (see the kernel's guarded writes) and carry on.
 */

import { unstorableTextIssues } from "@hub/contracts";
import { UNWRITABLE_DATA } from "@hub/joint-task";
import { isPermanentDbError } from "@hub/runtime";
import { ApplicationFailure } from "@temporalio/activity";

/** The activity as given, failing for good (and saying why) on input it could never write. */
export function failPermanently<I, O>(name: string, fn: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input: I) => {
    const issues = unstorableTextIssues(input);
    if (issues.length > 0) {
      const where = issues.map((i) => `${i.path} ${i.message}`).join("; ");
      throw ApplicationFailure.nonRetryable(`${name} cannot store its input: ${where}`, UNWRITABLE_DATA);
    }
    try {
      return await fn(input);
    } catch (err) {
      if (isPermanentDbError(err)) {
        throw ApplicationFailure.nonRetryable(`${name} was refused by the database (${err.code}): ${err.message}`, UNWRITABLE_DATA);
      }
      throw err;
    }
  };
}

/** Every activity of a set, guarded by failPermanently. */
export function withPermanentFailures<T extends object>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, failPermanently(name, fn as (i: unknown) => Promise<unknown>)]),
  ) as T;
}
