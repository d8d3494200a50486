/** The router's own settings: how often it looks for new ingress topics, and the task clock and policy it starts joint tasks with. */
import { duration, parseEnv, type ServiceConfig, SharedEnvSchema, serviceConfig, z } from "@hub/config";

export const RouterEnvShape = {
  /** How often the router looks for organisations' new ingress topics (teamkorea.ingress.<ORG>) to read. */
  HUB_INGRESS_REFRESH_MS: duration(5_000),
  /** Length of a "day" on the task clock: 86400000 in production, seconds in tests. */
  HUB_DAY_MS: duration(24 * 3600_000),
  HUB_APPROVAL_TIMEOUT_DAYS: z.coerce.number().positive().default(3),
  HUB_REMINDER_LEAD_DAYS: z.coerce.number().min(0).default(2),
  /** Plans (anniversaries, mission plans) with a budget above this also need HQ's approval. */
  HUB_HQ_BUDGET_THRESHOLD_KRW: z.coerce.number().int().min(0).default(50_000_000),
};
export const RouterEnvSchema = SharedEnvSchema.extend(RouterEnvShape);
export type RouterEnv = z.infer<typeof RouterEnvSchema>;

export const readRouterEnv = (env: NodeJS.ProcessEnv = process.env): RouterEnv => parseEnv(RouterEnvSchema, env);

export interface RouterConfig extends ServiceConfig {
  ingressRefreshMs: number;
  timing: { dayMs: number; approvalTimeoutDays: number; reminderLeadDays: number };
  policy: { hqBudgetThresholdKrw: number };
}

export function routerConfig(env: RouterEnv = readRouterEnv()): RouterConfig {
  return {
    ...serviceConfig(env),
    ingressRefreshMs: env.HUB_INGRESS_REFRESH_MS,
    timing: { dayMs: env.HUB_DAY_MS, approvalTimeoutDays: env.HUB_APPROVAL_TIMEOUT_DAYS, reminderLeadDays: env.HUB_REMINDER_LEAD_DAYS },
    policy: { hqBudgetThresholdKrw: env.HUB_HQ_BUDGET_THRESHOLD_KRW },
  };
}
