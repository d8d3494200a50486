/**
 * The discovery resources (RFC 7644 §4, RFC 7643 §5–§7): what this service provider supports,
 * its one resource type (User), and the schemas of a User as this service keeps it. Each
 * attribute's characteristics say the truth about the mapping in resource.ts: e-mails follow
 * userName (read-only), userName is the directory's key (immutable).
 */
import { Role } from "@hub/contracts";
import { CORE_USER, ENTERPRISE_USER, HUB_USER, RESOURCE_TYPE, SCHEMA, SERVICE_PROVIDER_CONFIG } from "./schemas";

export const MAX_RESULTS = 200;

type Attr = {
  name: string;
  type: "string" | "boolean" | "complex" | "dateTime" | "reference";
  multiValued?: boolean;
  description: string;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned?: "always" | "never" | "default" | "request";
  uniqueness?: "none" | "server" | "global";
  canonicalValues?: string[];
  subAttributes?: Attr[];
};

/** Every characteristic written out, the RFC's defaults where the attribute does not say. */
function attribute(a: Attr): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? "readWrite",
    returned: a.returned ?? "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.canonicalValues ? { canonicalValues: a.canonicalValues } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

function schema(id: string, name: string, description: string, attributes: Attr[], baseUrl: string) {
  return {
    schemas: [SCHEMA],
    id,
    name,
    description,
    attributes: attributes.map(attribute),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
  };
}

export function userSchemas(baseUrl: string) {
  return [
    schema(
      CORE_USER,
      "User",
      "A person of the hub's directory",
      [
        {
          name: "userName",
          type: "string",
          required: true,
          mutability: "immutable",
          uniqueness: "server",
          description: "The person's e-mail address, their sign-in name (kept in lower case); the directory's key, so it cannot change",
        },
        {
          name: "name",
          type: "complex",
          description: "The person's name; formatted is the directory's name unless the client gave another",
          subAttributes: [
            { name: "formatted", type: "string", description: "The full name" },
            { name: "familyName", type: "string", description: "The family name, as the client gave it" },
            { name: "givenName", type: "string", description: "The given name, as the client gave it" },
          ],
        },
        { name: "displayName", type: "string", description: "The directory's name of the person" },
        {
          name: "emails",
          type: "complex",
          multiValued: true,
          mutability: "readOnly",
          description: "The person's one e-mail address: their userName",
          subAttributes: [
            { name: "value", type: "string", mutability: "readOnly", description: "The e-mail address" },
            { name: "type", type: "string", mutability: "readOnly", canonicalValues: ["work"], description: "Always work" },
            { name: "primary", type: "boolean", mutability: "readOnly", description: "Always true" },
          ],
        },
        {
          name: "active",
          type: "boolean",
          description: "false: deactivated at once (the next request with their token is refused, their live streams close)",
        },
      ],
      baseUrl,
    ),
    schema(
      ENTERPRISE_USER,
      "EnterpriseUser",
      "Enterprise User",
      [{ name: "organization", type: "string", description: "The organisation code of the person's posting today (EMB-US, KOTRA-VN, …)" }],
      baseUrl,
    ),
    schema(
      HUB_USER,
      "TeamKoreaHubUser",
      "The person's posting in the hub: where and as what they work today",
      [
        {
          name: "organization",
          type: "string",
          caseExact: true,
          description: "The organisation code of the posting today; required to create a person; a change is a new posting from today",
        },
        {
          name: "role",
          type: "string",
          caseExact: true,
          canonicalValues: Role.options.filter((r) => r !== "ADMIN"),
          description: "The role of the posting today; required to create a person; ADMIN is given by an administrator only",
        },
        { name: "nameKo", type: "string", caseExact: true, description: "The person's name in Korean" },
      ],
      baseUrl,
    ),
  ];
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [RESOURCE_TYPE],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "A person of the hub's directory, with the posting current today",
      schema: CORE_USER,
      schemaExtensions: [
        { schema: ENTERPRISE_USER, required: false },
        { schema: HUB_USER, required: false },
      ],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
  ];
}

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Provisioning token",
        description: "A bearer token per provisioning client, created by an administrator (POST /v1/admin/scim-clients) and shown once",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}
