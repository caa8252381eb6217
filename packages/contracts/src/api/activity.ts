// Public REST request/response schemas of the activity service (filled in with its endpoints).
export {};
