// Node 20 has no Promise.withResolvers; the local runner installs it too, this covers tests that
// use the interpreter directly.
import { installPromiseWithResolvers } from '../src/core/promise-with-resolvers';

installPromiseWithResolvers();
