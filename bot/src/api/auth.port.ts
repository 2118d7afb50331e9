import type { Actor } from "../domain/types";

/**
 * Turns a request's Authorization header into the acting person. The only source of a caller's
 * user id and tenant id: never the body, never the query. Throws UnauthenticatedError.
 */
export interface Authenticator {
  authenticate(authorizationHeader: string | undefined): Promise<Actor>;
}
