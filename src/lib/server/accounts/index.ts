// accounts/: People: identities, passwords, the sign-in throttle, sessions, API tokens,
// invitations, managing accounts, and who may do what.
export * as identity from './identity';
export * as invitations from './invitations';
export * as passwords from './passwords';
export * as permissions from './permissions';
export * as secrets from './secrets';
export * as sessions from './sessions';
export * as throttle from './throttle';
export * as tokens from './tokens';
export * as userCommand from './user-command';
export * as users from './users';
