/**
 * Seed organisations and accounts, from the Ministry of Foreign Affairs' plan (see
 * ../shared/DOMAIN.md). The tests rely on these exact codes and e-mail addresses.
 */
import type { OrgKind, Role } from "@hub/contracts";

export interface SeedOrg {
  code: string;
  kind: OrgKind;
  nameKo: string;
  nameEn: string;
  country: string | null;
  network: string | null;
  /** The mission that leads its country's Team Korea. */
  leadsTeam?: boolean;
}

const embassy = (cc: string, ko: string, en: string): SeedOrg => ({
  code: `EMB-${cc}`,
  kind: "MISSION",
  nameKo: `주${ko} 대한민국 대사관`,
  nameEn: `Embassy of the Republic of Korea in ${en}`,
  country: cc,
  network: "MOFA",
  // An embassy leads its country's Team Korea, also where a permanent mission sits beside it (ASEAN in Jakarta).
  leadsTeam: true,
});

const agency = (network: string, cc: string, ko: string, en: string): SeedOrg => ({
  code: `${network}-${cc}`,
  kind: "AGENCY",
  nameKo: ko,
  nameEn: en,
  country: cc,
  network,
});

const ministry = (code: string, ko: string, en: string): SeedOrg => ({
  code,
  kind: "MINISTRY",
  nameKo: ko,
  nameEn: en,
  country: null,
  network: null,
});

export const ORGS: SeedOrg[] = [
  embassy("US", "미국", "the United States"),
  embassy("JP", "일본국", "Japan"),
  embassy("CN", "중화인민공화국", "the People's Republic of China"),
  embassy("VN", "베트남", "Viet Nam"),
  embassy("SE", "스웨덴", "Sweden"),
  embassy("HU", "헝가리", "Hungary"),
  embassy("ID", "인도네시아", "Indonesia"),
  {
    code: "MSN-ASEAN",
    kind: "MISSION",
    nameKo: "주아세안 대한민국 대표부",
    nameEn: "Mission of the Republic of Korea to ASEAN",
    country: "ID",
    network: "MOFA",
  },
  agency("KOTRA", "US", "KOTRA 워싱턴 무역관", "KOTRA Washington D.C. Trade Center"),
  agency("KOTRA", "VN", "KOTRA 하노이 무역관", "KOTRA Hanoi Trade Center"),
  agency("KOICA", "VN", "KOICA 베트남 사무소", "KOICA Viet Nam Office"),
  agency("HRDK", "VN", "한국산업인력공단 베트남 해외취업센터", "HRD Korea Viet Nam Overseas Employment Center"),
  agency("KTO", "SE", "한국관광공사 스톡홀름 지사", "Korea Tourism Organization Stockholm Office"),
  agency("KCC", "SE", "주스웨덴 한국문화원", "Korean Cultural Center in Sweden"),
  agency("KCC", "JP", "주일본 한국문화원", "Korean Cultural Center in Japan"),
  agency("KCC", "CN", "주중국 한국문화원", "Korean Cultural Center in China"),
  agency("KTO", "CN", "한국관광공사 베이징 지사", "Korea Tourism Organization Beijing Office"),
  ministry("MOFA", "외교부", "Ministry of Foreign Affairs"),
  ministry("MOTIE", "산업통상자원부", "Ministry of Trade, Industry and Energy"),
  ministry("MOEL", "고용노동부", "Ministry of Employment and Labor"),
  ministry("MCST", "문화체육관광부", "Ministry of Culture, Sports and Tourism"),
  ministry("MPVA", "국가보훈처", "Ministry of Patriots and Veterans Affairs"),
];

export interface SeedDuty {
  duty: string;
  /** An organisation code, or a network whose office in the task's country holds the duty. */
  holder: string;
  holderKind: "org" | "network";
  /** Lower is preferred where several hold the duty. */
  rank: number;
}

const org = (duty: string, holder: string): SeedDuty => ({ duty, holder, holderKind: "org", rank: 1 });
const network = (duty: string, holder: string, rank = 1): SeedDuty => ({ duty, holder, holderKind: "network", rank });

/**
 * Who does what for the joint tasks (the plan's division of labour): HQ reviews, the trade
 * ministry runs trade remedies, the employment ministry answers overseas jobs, HRD Korea (else
 * KOTRA) matches candidates, each channel's office holds the interviews, the cultural centre,
 * the tourism office and KOTRA take their parts of an anniversary.
 */
export const DUTIES: SeedDuty[] = [
  org("hq", "MOFA"),
  org("trade-remedy", "MOTIE"),
  network("trade-impact", "KOTRA"),
  org("jobs-ministry", "MOEL"),
  network("job-matching", "HRDK", 1),
  network("job-matching", "KOTRA", 2),
  network("job-channel:hrdkorea", "HRDK"),
  network("job-channel:kotra", "KOTRA"),
  network("job-channel:koica", "KOICA"),
  network("exhibition", "KCC"),
  network("tourism-promotion", "KTO"),
  network("business-forum", "KOTRA"),
];

export interface SeedUser {
  email: string;
  name: string;
  role: Role;
  org: string;
}

const missionUsers = (slug: string, org: string, place: string): SeedUser[] => [
  { email: `head.${slug}@teamkorea.dev`, name: `Head of mission, ${place}`, role: "MISSION_HEAD", org },
  { email: `staff.${slug}@teamkorea.dev`, name: `Mission officer, ${place}`, role: "MISSION_STAFF", org },
];

export const USERS: SeedUser[] = [
  ...missionUsers("us", "EMB-US", "Washington"),
  ...missionUsers("jp", "EMB-JP", "Tokyo"),
  ...missionUsers("cn", "EMB-CN", "Beijing"),
  ...missionUsers("vn", "EMB-VN", "Hanoi"),
  ...missionUsers("se", "EMB-SE", "Stockholm"),
  ...missionUsers("hu", "EMB-HU", "Budapest"),
  ...missionUsers("id", "EMB-ID", "Jakarta"),
  ...missionUsers("asean", "MSN-ASEAN", "ASEAN"),
  ...ORGS.filter((o) => o.kind === "AGENCY").map((o) => ({
    email: `${(o.network ?? "").toLowerCase()}.${(o.country ?? "").toLowerCase()}@teamkorea.dev`,
    name: `${o.nameEn} officer`,
    role: "AGENCY_STAFF" as const,
    org: o.code,
  })),
  { email: "motie@teamkorea.dev", name: "Trade remedies officer, MOTIE", role: "AGENCY_STAFF", org: "MOTIE" },
  { email: "moel@teamkorea.dev", name: "Overseas employment officer, MOEL", role: "AGENCY_STAFF", org: "MOEL" },
  { email: "mcst@teamkorea.dev", name: "Culture and tourism officer, MCST", role: "AGENCY_STAFF", org: "MCST" },
  { email: "mpva@teamkorea.dev", name: "Commemorations officer, MPVA", role: "AGENCY_STAFF", org: "MPVA" },
  { email: "hq@teamkorea.dev", name: "HQ reviewer, MOFA", role: "HQ_REVIEWER", org: "MOFA" },
  { email: "admin@teamkorea.dev", name: "Hub administrator", role: "ADMIN", org: "MOFA" },
];
