// Public REST request/response schemas of the catalog service (filled in with its endpoints).
export {};
