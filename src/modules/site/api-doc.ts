// The OpenAPI document as plain data for the human API page: one entry per operation, references resolved.
import type { OpenApiObject } from "../../web/openapi";

export interface ApiParameter {
  name: string;
  in: string;
  required: boolean;
  type: string;
  description: string;
}

export interface ApiResponse {
  code: string;
  description: string;
  contentTypes: string[];
}

export interface ApiOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  parameters: ApiParameter[];
  responses: ApiResponse[];
  /** An address to open as it is, for operations without path parameters. */
  openUrl?: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Follows a local `$ref` ("#/components/..."); anything else is returned as it is. */
function resolve(doc: OpenApiObject, value: unknown): Obj {
  const ref = str(obj(value).$ref);
  if (!ref.startsWith("#/")) return obj(value);
  return ref
    .slice(2)
    .split("/")
    .reduce<Obj>((node, key) => obj(node[key]), doc);
}

function typeOf(schema: Obj): string {
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : str(schema.type) || "string";
  const values = Array.isArray(schema.enum) ? ` (${schema.enum.map(String).join(", ")})` : "";
  return `${type}${values}`;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

/** Every operation of the document, in its paths' order. */
export function apiOperations(doc: OpenApiObject): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const parameters = (Array.isArray(op.parameters) ? op.parameters : []).map((p) => {
        const param = resolve(doc, p);
        const schema = obj(param.schema);
        return {
          name: str(param.name),
          in: str(param.in),
          required: param.required === true,
          type: typeOf(schema),
          description: str(param.description) || str(schema.description),
        };
      });
      const responses = Object.entries(obj(op.responses)).map(([code, r]) => {
        const response = resolve(doc, r);
        return {
          code,
          description: str(response.description),
          contentTypes: Object.keys(obj(response.content)),
        };
      });
      operations.push({
        id: str(op.operationId) || `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: str(op.summary),
        parameters,
        responses,
        openUrl: method === "get" && !path.includes("{") ? path : undefined,
      });
    }
  }
  return operations;
}
