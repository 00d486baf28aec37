// A single-page app: rendered in the browser only, every path answered by the server's index.html fallback.
export const ssr = false;
export const prerender = false;
