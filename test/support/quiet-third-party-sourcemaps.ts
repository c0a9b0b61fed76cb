import type { Plugin } from 'vite';

/**
 * Drops one Vite warning: dependencies (itty-router, randexp, ret) publish source maps that name
 * files they do not ship. It says nothing about this project, and a newcomer reads it as a failure.
 */
export function quietThirdPartySourcemaps(): Plugin {
  const isThirdPartySourcemap = (msg: string) =>
    msg.includes('Sourcemap for "') && msg.includes('/node_modules/');
  return {
    name: 'quiet-third-party-sourcemaps',
    configResolved(config) {
      const { warn, warnOnce } = config.logger;
      config.logger.warn = (msg, options) => (isThirdPartySourcemap(msg) ? undefined : warn(msg, options));
      config.logger.warnOnce = (msg, options) =>
        isThirdPartySourcemap(msg) ? undefined : warnOnce(msg, options);
    },
  };
}
