// The demo shop's users and secrets come from shop/demo/seed.ts itself: one source of truth.
export { DEMO_USERS, demoUser } from '../../shop/demo/seed';
