// Who does something: a user's role, the actor of a request or script, and the system actor.

export const ROLES = ["member", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

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
