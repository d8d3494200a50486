/**
 * SCIM's own error shape (RFC 7644 §3.12) for everything under /scim/v2: the status as a string,
 * a `scimType` where the RFC names one, and a sentence. The rest of the API keeps its own shape.
 */
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** RFC 7644 Table 9, the scimType values this service answers. */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }
}

export const invalidFilter = (message: string) => new ScimError(400, message, "invalidFilter");
export const invalidValue = (message: string) => new ScimError(400, message, "invalidValue");

export function errorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}
