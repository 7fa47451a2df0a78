import os from "node:os";
import mongoose, { type Connection } from "mongoose";
import type { CheckResult } from "./health-check";

/** How long an operation waits for a usable server (selection, or Mongoose's buffer) before failing. */
export const OPERATION_BOUND_MS = 5_000;

/** Connects the shared mongoose connection (models are registered on it). */
export async function connectMongo(uri: string, options: { dbName?: string } = {}): Promise<Connection> {
  mongoose.set("strictQuery", true);
  // While disconnected, Mongoose holds operations for this long before failing them (default 10 s).
  mongoose.set("bufferTimeoutMS", OPERATION_BOUND_MS);
  // runtimeAdapters: the driver's own `await import("os")` fails inside Jest's sandbox (see TOOLCHAIN.md).
  await mongoose.connect(uri, {
    runtimeAdapters: { os },
    serverSelectionTimeoutMS: OPERATION_BOUND_MS,
    // A server that stops answering (frozen, partitioned) holds a socket for at most this long; the
    // request that waited on it has had its 503 from the deadline long before. Longer than any
    // legitimate single operation (an export cursor's batch, a tag merge's transaction).
    socketTimeoutMS: 30_000,
    dbName: options.dbName,
  });
  return mongoose.connection;
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

export async function mongoHealth(connection: Connection): Promise<CheckResult> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || !connection.db) {
    return { ok: false, error: `not connected (state ${mongoose.ConnectionStates[connection.readyState]})` };
  }
  await connection.db.admin().command({ ping: 1 }, { timeoutMS: 1000 });
  return { ok: true };
}
