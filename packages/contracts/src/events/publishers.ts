/**
 * Who may publish which event: one rule for every way in (HTTP in services/api/src/access.ts,
 * an organisation's Kafka ingress topic in services/router/src/ingress.ts).
 */
import type { TypedEvent } from "./envelope";
import type { PublishRule } from "./types";

/** The publisher as the rule sees it: an organisation, and whether it acts as its country's mission. */
export interface Publisher {
  orgCode: string;
  /** Null for a ministry at home. */
  orgCountry: string | null;
  /** A mission's head or staff over HTTP; a mission's own system over Kafka. */
  actsAsMission: boolean;
  /** The directory duties of the publisher's organisation (ministries at home). */
  duties: string[];
}

/**
 * Why `pub` may not publish `e`, or null when it may. An event's publisher acts for its own
 * organisation, about its own country (ministries at home: about any country, where the
 * type's rule lets them).
 */
export function publishRefusal(pub: Publisher, e: TypedEvent, rule: PublishRule): string | null {
  if (e.source !== pub.orgCode) return `You act for ${pub.orgCode}: publish with "source": "${pub.orgCode}", not "${e.source}"`;
  if (pub.orgCountry) {
    if (e.data.country !== pub.orgCountry) return `${pub.orgCode} acts for ${pub.orgCountry}; it cannot publish events about ${e.data.country}`;
    if (rule.scope === "mission" && !pub.actsAsMission) return `Only the mission's head or staff publish ${e.type} events`;
    return null;
  }
  // A ministry at home.
  if (rule.ministries === "any") return null;
  if (rule.ministries !== "none" && pub.duties.includes(rule.ministries.duty)) return null;
  return `${pub.orgCode} does not publish ${e.type} events; ${rule.scope === "mission" ? "the mission of the country does" : "Team Korea in the country does"}`;
}
