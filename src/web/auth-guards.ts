// Route guards: deny by default. The accounts module puts the signed-in user in res.locals.user
// (before any module router); these guards only read it.
import type { RequestHandler } from "express";
import type { Role } from "../modules/accounts/actor";
import { ForbiddenError, UnauthorizedError } from "./errors";

const RANK: Record<Role, number> = { member: 1, coordinator: 2, admin: 3 };

/** Whether a role includes the rights of another (admin ⊇ coordinator ⊇ member). */
export function hasRole(role: Role | undefined, atLeast: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[atLeast];
}

/** Signed-in users only: browsers asking for a page are sent to the login form, others get 401. */
export const requireUser: RequestHandler = (req, res, next) => {
  if (res.locals.user) {
    next();
    return;
  }
  if (req.method === "GET" && req.accepts(["html", "json"]) === "html" && !req.path.startsWith("/api/")) {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  next(new UnauthorizedError());
};

/** Signed-in users whose role is at least `atLeast`. */
export function requireRole(atLeast: Role): RequestHandler {
  return (req, res, next) => {
    requireUser(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      if (!hasRole(res.locals.user?.role, atLeast)) {
        next(new ForbiddenError());
        return;
      }
      next();
    });
  };
}
