import os from "node:os";
import mongoose, { type Connection } from "mongoose";
import type { CheckResult } from "./health-check";

/** Connects the shared mongoose connection (models are registered on it). */
export async function connectMongo(uri: string, options: { dbName?: string } = {}): Promise<Connection> {
  mongoose.set("strictQuery", true);
  // runtimeAdapters: the driver's own `await import("os")` fails inside Jest's sandbox (see TOOLCHAIN.md).
  await mongoose.connect(uri, {
    runtimeAdapters: { os },
    serverSelectionTimeoutMS: 10_000,
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
