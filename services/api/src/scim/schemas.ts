/** The schema URNs this service speaks (RFC 7643 §8.7, plus the hub's own extension). */
export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** The hub's extension: the current posting (organisation code and role) and the Korean name. */
export const HUB_USER = "urn:teamkorea:params:scim:schemas:extension:hub:2.0:User";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
export const RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/** The URNs a path may start with; a path naming one of them alone means that whole extension. */
export const USER_SCHEMAS = [CORE_USER, ENTERPRISE_USER, HUB_USER] as const;
