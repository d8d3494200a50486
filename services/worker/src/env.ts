/** The worker's own settings: how many workflows it keeps in memory. */
import { parseEnv, type ServiceConfig, SharedEnvSchema, serviceConfig, z } from "@hub/config";

export const WorkerEnvShape = {
  /** Workflows the worker keeps in memory; the rest are replayed from history when they next wake. Bounds the worker's RSS. */
  HUB_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(100),
};
export const WorkerEnvSchema = SharedEnvSchema.extend(WorkerEnvShape);
export type WorkerEnv = z.infer<typeof WorkerEnvSchema>;

export const readWorkerEnv = (env: NodeJS.ProcessEnv = process.env): WorkerEnv => parseEnv(WorkerEnvSchema, env);

export function workerConfig(env: WorkerEnv = readWorkerEnv()): ServiceConfig & { workerCachedWorkflows: number } {
  return { ...serviceConfig(env), workerCachedWorkflows: env.HUB_WORKER_CACHED_WORKFLOWS };
}
