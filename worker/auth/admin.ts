import { config } from '../config';
import type { Env } from '../env';
import { bearerToken } from './api-key-format';

/** The bearer of ADMIN_TOKEN may set limits, change other keys and sign up when signup is closed. */
export function isAdmin(request: Request, env: Env): boolean {
  const { adminToken } = config(env);
  const token = bearerToken(request);
  return adminToken !== undefined && token !== undefined && token === adminToken;
}
