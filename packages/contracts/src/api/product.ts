// Public REST request/response schemas of the product service (filled in with its endpoints).
export {};
