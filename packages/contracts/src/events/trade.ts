/** Events of the trade-restriction joint task (수입규제 대응). */
import { z } from "zod";
import { BusinessRef, CountryCode, NearDate } from "../common";
import { LIMITS } from "../core";

export const TRADE_RESTRICTION_DETECTED = "kr.teamkorea.trade.restriction.detected.v1";
export const TRADE_RESTRICTION_DECIDED = "kr.teamkorea.trade.restriction.decided.v1";

export const TradeRestrictionDetected = z.object({
  country: CountryCode,
  caseRef: BusinessRef,
  measure: z.enum(["anti_dumping", "countervailing", "safeguard", "import_ban", "quota", "other"]),
  products: z
    .array(
      z.object({
        hsCode: z.string().regex(/^\d{4}(\.?\d{2}){0,3}$/, "must be an HS code such as 7208 or 7208.51"),
        description: z.string().min(1).max(LIMITS.productDescription),
      }),
    )
    .min(1, "needs at least one product")
    .max(LIMITS.products),
  authority: z.string().min(1).max(LIMITS.name),
  summary: z.string().min(1).max(LIMITS.summary),
  commentDeadline: NearDate.optional(),
});
export type TradeRestrictionDetected = z.infer<typeof TradeRestrictionDetected>;

export const TradeRestrictionDecided = z.object({
  country: CountryCode,
  caseRef: BusinessRef,
  outcome: z.enum(["terminated", "duty_imposed", "measure_withdrawn", "other"]),
  dutyRatePercent: z.number().min(0).max(1000).optional(),
  summary: z.string().min(1).max(LIMITS.summary),
});
export type TradeRestrictionDecided = z.infer<typeof TradeRestrictionDecided>;
