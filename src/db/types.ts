import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

/** Either the client or an interactive transaction: data functions accept both. */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;
export type { Prisma };
