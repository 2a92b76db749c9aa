// The Content-Security-Policy of the workspace's pages (ADR 0025): scripts, styles, fonts and API
// calls from this origin only; no inline script or style, no plugin, no framing, no base
// rewriting. The API's own answers keep the default policy (src/http/plugins/security.ts).
// Given as the route-level helmet option, so the one helmet plugin writes it.
export const WORKSPACE_HELMET = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      fontSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
} as const;
