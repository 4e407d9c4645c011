// mail/: E-mail: the outbox every message is written to in the transaction of the change it tells of, and the sender that drains it (one digest per person, with retries) to the SMTP server of SMTP_URL.
export * as outbox from './outbox';
export * as sender from './sender';
