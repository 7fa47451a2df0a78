// The audit log: any module records security-relevant events here; admins read them at /admin/audit.
import mongoose from "mongoose";
import type { Logger } from "../../infra/logger";
import { AuditModel, type AuditDoc } from "./audit.model";

export interface AuditEventInput {
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Small JSON-safe object; never passwords or tokens. */
  details?: Record<string, unknown>;
  ip?: string;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  page: number;
  pageSize: number;
}

export interface AuditService {
  record(event: AuditEventInput): Promise<void>;
  list(query: AuditQuery): Promise<{ items: AuditDoc[]; total: number }>;
  actions(): Promise<string[]>;
}

export function createAuditService(deps: { logger: Logger }): AuditService {
  return {
    async record(event) {
      await AuditModel.create({
        actorId: event.actorId && mongoose.isValidObjectId(event.actorId) ? event.actorId : null,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        details: event.details ?? null,
        ip: event.ip ?? null,
      });
      deps.logger.info({ audit: event.action, actorId: event.actorId, targetId: event.targetId }, "audit");
    },
    async list(query) {
      const filter: Record<string, unknown> = {};
      if (query.action) filter.action = query.action;
      if (query.actorId && mongoose.isValidObjectId(query.actorId)) filter.actorId = query.actorId;
      const [items, total] = await Promise.all([
        AuditModel.find(filter)
          .sort({ at: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<AuditDoc[]>(),
        AuditModel.countDocuments(filter),
      ]);
      return { items, total };
    },
    async actions() {
      return (await AuditModel.distinct("action")).map(String).sort();
    },
  };
}
