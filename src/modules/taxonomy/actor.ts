import type { Role } from "../../../views/page-context";

/** Who does something: the signed-in user, or a script acting for a named person. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** The actor of a request's signed-in user. */
export function actorOf(user: { id: string; name: string; role: Role }): Actor {
  return { id: user.id, name: user.name, role: user.role };
}

/** The actor used by seeding and command-line scripts. */
export const SYSTEM_ACTOR: Actor = { id: "system", name: "Atlante", role: "admin" };
