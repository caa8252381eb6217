// Public REST request/response schemas of the customer service (filled in with its endpoints).
export {};
