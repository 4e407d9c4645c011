// An embed is read, not driven: no JavaScript, so it is as light as a map can be on someone else's page.
export const csr = false;
