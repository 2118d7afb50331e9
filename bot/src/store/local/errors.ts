/** A problem with the local data folder that the user must act on; its message says what to do. */
export class LocalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalDataError";
  }
}

export const RESET_HINT = "Run `npm run reset` to start over with fresh demo data (this deletes all local data), or restore the file from a backup.";
